import { readFileSync } from 'node:fs';
import { LosslessNumber } from 'lossless-json';
import { type DvsErrorCode, SandboxError } from '../errors.js';
import type { SandboxRequest } from '../http/types.js';
import { MOBILE_NUMBER_CODES } from '../transactions/validate.js';
import { createSchemaReader, findProblem, type Problem, type RequestSchema } from './schema.js';

/**
 * Every DVS request is checked here, before its route runs, against its operation in the vendored spec
 * (`spec/dvs-api-spec.json`): path, query and header parameters, the JSON body, and the few rules the spec
 * states only in prose (`DEPENDENT_RULES`). The first problem answers DT One's 400 `1000400` with a message
 * naming the field (`credit_party_identifier.mobile_number: must match …`), except a malformed
 * `mobile_number` of a request object, which has its own documented code (`1005003`, …).
 *
 * The spec is read and every operation's schemas are prepared once per process, at the first sandbox start.
 */
export interface ParameterSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: RequestSchema;
  description: string;
}

export interface OperationSpec {
  /** `METHOD /template` as the sandbox's routes name it, e.g. `GET /v1/products/{product_id}`. */
  key: string;
  method: string;
  template: string;
  parameters: readonly ParameterSpec[];
  body?: { schema: RequestSchema; required: boolean };
  rules: readonly DependentRule[];
}

export type DependentRule =
  | { kind: 'requires'; param: string; when: string }
  | { kind: 'window'; from: string; to: string; maxMs: number };

/**
 * Rules the spec states only in a parameter's description. Each applies to the operations whose parameter
 * `param` says `says` (so the spec still decides where); a test checks every such sentence has a rule.
 */
export const DEPENDENT_RULES: readonly { param: string; says: string; rule: DependentRule }[] = [
  {
    param: 'service_id',
    says: 'Required when `subservice_id` is specified',
    rule: { kind: 'requires', param: 'service_id', when: 'subservice_id' },
  },
  {
    param: 'from_date',
    says: 'the window between `from_date` and `to_date` can not exceed 24 hours',
    rule: { kind: 'window', from: 'from_date', to: 'to_date', maxMs: 24 * 60 * 60 * 1000 },
  },
];

/** Body fields with a documented code of their own (a malformed `mobile_number` per request object). */
export const FIELD_CODES: ReadonlyMap<string, DvsErrorCode> = new Map(
  Object.entries(MOBILE_NUMBER_CODES).map(([party, code]) => [`${party}.mobile_number`, code]),
);

const SPEC_PATH = new URL('../../../spec/dvs-api-spec.json', import.meta.url);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const QUERY_INTEGER = /^-?(?:0|[1-9]\d*)$/;
const QUERY_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

let cached: ReadonlyMap<string, OperationSpec> | undefined;

/** The spec's operations keyed as routes are (`GET /v1/products`), read once per process. */
export function specOperations(): ReadonlyMap<string, OperationSpec> {
  cached ??= readOperations(JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, unknown>);
  return cached;
}

/**
 * Checks a DVS request against its operation (by route key). Throws DT One's 400 for the first problem; a
 * query value it repairs is written back. A DVS route the spec does not have is a sandbox bug (500).
 */
export function checkDvsRequest(request: SandboxRequest): void {
  const operation = specOperations().get(request.routeKey);
  if (!operation) throw new Error(`${request.routeKey} is not an operation of the DVS spec`);
  checkRequest(operation, request);
}

/** Throws DT One's 400 for the first problem of `request` against `operation`. */
export function checkRequest(operation: OperationSpec, request: SandboxRequest): void {
  const problem = firstProblem(operation, request);
  if (problem) {
    const code = (problem.inBody && FIELD_CODES.get(problem.field)) || 1000400;
    throw new SandboxError(code, `${problem.field}: ${problem.problem}`);
  }
}

function firstProblem(op: OperationSpec, request: SandboxRequest): (Problem & { inBody?: true }) | undefined {
  for (const parameter of op.parameters) {
    const problem = parameterProblem(parameter, request);
    if (problem) return problem;
  }
  if (op.body) {
    if (request.body === undefined) {
      if (op.body.required) return { field: 'body', problem: 'is required', inBody: true };
    } else {
      const problem = findProblem(op.body.schema, request.body);
      if (problem) return { ...problem, field: problem.field || 'body', inBody: true };
    }
  }
  for (const rule of op.rules) {
    const problem = ruleProblem(rule, request.query);
    if (problem) return problem;
  }
  return undefined;
}

function parameterProblem(parameter: ParameterSpec, request: SandboxRequest): Problem | undefined {
  const { name, schema } = parameter;
  let values: string[];
  if (parameter.in === 'path') values = request.params[name] === undefined ? [] : [request.params[name]];
  else if (parameter.in === 'query') values = request.query.getAll(name);
  else {
    const header = request.headers[name.toLowerCase()];
    values = header === undefined ? [] : [Array.isArray(header) ? header.join(', ') : header];
  }
  if (values.length === 0) return parameter.required ? { field: name, problem: 'is required' } : undefined;
  if (values.length > 1) return { field: name, problem: 'must be given once' };
  const text = values[0]!;
  const problem = findProblem(schema, fromText(schema, text), name);
  if (!problem || parameter.in !== 'query' || !text.includes(' ')) return problem;
  // A `+` sent unencoded in a query string (`+65…`, `…T00:00:00+08:00`) arrives as a space.
  const plus = text.replaceAll(' ', '+');
  if (findProblem(schema, fromText(schema, plus), name)) return problem;
  request.query.set(name, plus);
  return undefined;
}

/** A parameter's text as the typed value its schema describes (`style: form`, `explode: false` arrays). */
function fromText(schema: RequestSchema, text: string): unknown {
  switch (schema.type) {
    case 'integer':
      return QUERY_INTEGER.test(text) ? new LosslessNumber(text) : text;
    case 'number':
      return QUERY_NUMBER.test(text) ? new LosslessNumber(text) : text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'array':
      return text.split(',').map((item) => (schema.items ? fromText(schema.items, item) : item));
    default:
      return text;
  }
}

function ruleProblem(rule: DependentRule, query: URLSearchParams): Problem | undefined {
  if (rule.kind === 'requires') {
    if (query.has(rule.when) && !query.has(rule.param)) {
      return { field: rule.param, problem: `is required when ${rule.when} is given` };
    }
    return undefined;
  }
  const from = query.get(rule.from);
  const to = query.get(rule.to);
  if (from === null || to === null) return undefined;
  const span = Date.parse(to) - Date.parse(from);
  if (span < 0) return { field: rule.to, problem: `must not be before ${rule.from}` };
  if (span > rule.maxMs) {
    const hours = rule.maxMs / 3_600_000;
    return {
      field: rule.from,
      problem: `the window between ${rule.from} and ${rule.to} can not exceed ${hours} hours`,
    };
  }
  return undefined;
}

function readOperations(spec: Record<string, unknown>): ReadonlyMap<string, OperationSpec> {
  const reader = createSchemaReader(spec);
  const components = (spec.components ?? {}) as Record<string, Record<string, unknown>>;
  const deref = (value: unknown): Record<string, unknown> => {
    const n = value as Record<string, unknown>;
    if (typeof n.$ref !== 'string') return n;
    const [, , section, name] = n.$ref.split('/');
    const target = components[section!]?.[name!];
    if (target === undefined) throw new Error(`Unresolved ${n.$ref}`);
    return deref(target);
  };
  const servers = (spec.servers ?? []) as { url: string }[];
  const prefix = servers[0] ? new URL(servers[0].url).pathname.replace(/\/$/, '') : '';

  const operations = new Map<string, OperationSpec>();
  for (const [path, rawItem] of Object.entries(spec.paths as Record<string, unknown>)) {
    const item = rawItem as Record<string, unknown>;
    for (const method of METHODS) {
      if (item[method] === undefined) continue;
      const op = item[method] as Record<string, unknown>;
      const raw = [...((item.parameters ?? []) as unknown[]), ...((op.parameters ?? []) as unknown[])];
      const parameters = raw.map(deref).map((p): ParameterSpec => {
        const style = p.style ?? 'form';
        const explode = p.explode ?? style === 'form';
        if (p.in === 'cookie' || p.content !== undefined || (deref(p.schema).type === 'array' && explode)) {
          throw new Error(`Unsupported parameter ${String(p.name)} (cookie, content or exploded array)`);
        }
        return {
          name: String(p.name),
          in: p.in as ParameterSpec['in'],
          required: p.required === true || p.in === 'path',
          schema: reader.read(p.schema),
          description: String(p.description ?? ''),
        };
      });
      const requestBody = op.requestBody === undefined ? undefined : deref(op.requestBody);
      const content = requestBody?.content as Record<string, { schema: unknown }> | undefined;
      const json = content?.['application/json'];
      const rules = DEPENDENT_RULES.filter(({ param, says }) =>
        parameters.some((p) => p.name === param && p.description.includes(says)),
      ).map(({ rule }) => rule);
      const template = `${prefix}${path}`;
      const key = `${method.toUpperCase()} ${template}`;
      operations.set(key, {
        key,
        method: method.toUpperCase(),
        template,
        parameters,
        ...(json && { body: { schema: reader.read(json.schema), required: requestBody?.required === true } }),
        rules,
      });
    }
  }
  return operations;
}
