import { readFileSync } from 'node:fs';
import { Ajv2019, type ErrorObject, type ValidateFunction } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import { stringify } from 'lossless-json';

/**
 * Validates values against the DVS OpenAPI 3.0 spec (`spec/dvs-api-spec.json`) with ajv.
 *
 * OpenAPI 3.0 schemas are not JSON Schema, so each one is converted before ajv sees it:
 * - `nullable: true` becomes `type: [t, 'null']` (and `null` joins an `enum`); on a `$ref`/`allOf` it wraps
 *   the schema in `anyOf: [{ type: 'null' }, …]`. An `allOf` member that is only `{ nullable: true }`,
 *   `{ readOnly: true }`, `{ writeOnly: true }` or `{ description }` is a modifier of its parent.
 * - `allOf: [A, B, { additionalProperties: false }]` means "nothing beyond what A and B declare" in the
 *   spec, but in JSON Schema the bare member would forbid every property. It becomes
 *   `unevaluatedProperties: false` on the parent (draft 2019-09), which has the intended meaning.
 * - `oneOf` + `discriminator` becomes a check of the discriminator value plus `if/then` per mapping, so a
 *   product with `type: FIXED_VALUE_RECHARGE` is held to exactly that schema and errors name its fields.
 * - `required` follows OpenAPI's read/write rule: a `writeOnly` property is not required in a response and a
 *   `readOnly` one is not required in a request.
 * - `format: int32 | int64 | double` are real checks (range, integer, finite).
 *
 * One erratum is applied: `validity.quantity` is typed `integer` but its own description says "a `null`
 * value indicates validity is not known", and DT One sends that null, so it is nullable here.
 *
 * Values may hold `LosslessNumber`s: they are written with lossless-json and read back with `JSON.parse`, i.e.
 * validated exactly as a client would receive them over the wire.
 */
export interface SpecValidator {
  /** Errors of `value` against `components.schemas[name]` read as a response body; `[]` when valid. */
  validateSchema(name: string, value: unknown): string[];
  /**
   * Errors of a response against the operation `method pathTemplate` (as in the spec's `paths`, with or
   * without the `/v1` server prefix). A status the operation does not list is checked against its
   * `default` response. Documented headers present in `headers` (any case) are checked too.
   */
  validateResponse(
    method: string,
    pathTemplate: string,
    status: number,
    body: unknown,
    headers?: Record<string, string>,
  ): string[];
  /** Errors of a request body against the operation's `requestBody` schema (read as a request). */
  validateRequestBody(method: string, pathTemplate: string, body: unknown): string[];
}

type Mode = 'request' | 'response';
type SchemaNode = Record<string, unknown>;

const SPEC_PATH = new URL('../../spec/dvs-api-spec.json', import.meta.url);
const COMPONENT_REF = '#/components/schemas/';
const HEADER_REF = '#/components/headers/';
/** OpenAPI keywords that JSON Schema does not know and that carry no constraint. */
const DROPPED_KEYWORDS = new Set(['example', 'xml', 'externalDocs', 'discriminator', 'nullable']);
const MODIFIER_KEYS = new Set(['nullable', 'readOnly', 'writeOnly', 'description']);
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

let shared: SpecValidator | undefined;

/** Builds (once per process) a validator over `spec/dvs-api-spec.json`. */
export function createSpecValidator(): SpecValidator {
  shared ??= buildValidator(JSON.parse(readFileSync(SPEC_PATH, 'utf8')) as SchemaNode);
  return shared;
}

function buildValidator(spec: SchemaNode): SpecValidator {
  const components = asNode(spec.components);
  const schemas = asNode(components.schemas);
  const headerDefs = asNode(components.headers);
  const paths = asNode(spec.paths);
  applyErrata(schemas);

  const ajv = new Ajv2019({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats.default(ajv);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('double', { type: 'number', validate: (n: number) => Number.isFinite(n) });

  for (const mode of ['request', 'response'] as const) {
    const defs: SchemaNode = {};
    for (const [name, schema] of Object.entries(schemas)) defs[name] = convert(schema, mode);
    ajv.addSchema({ $id: rootId(mode), $defs: defs });
  }

  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, make: () => SchemaNode): ValidateFunction => {
    let fn = compiled.get(key);
    if (!fn) {
      fn = ajv.compile(make());
      compiled.set(key, fn);
    }
    return fn;
  };

  const run = (fn: ValidateFunction, value: unknown): string[] => {
    if (value === undefined) return ['/ body is missing'];
    const wire: unknown = JSON.parse(stringify(value) ?? 'null');
    return fn(wire) ? [] : (fn.errors ?? []).map(describeError);
  };

  const findOperation = (method: string, pathTemplate: string): SchemaNode => {
    const template = pathTemplate in paths ? pathTemplate : pathTemplate.replace(/^\/v1(?=\/)/, '');
    const item = paths[template];
    const operation = item === undefined ? undefined : asNode(item)[method.toLowerCase()];
    if (operation === undefined)
      throw new Error(`The DVS spec has no operation ${method.toUpperCase()} ${pathTemplate}`);
    return asNode(operation);
  };

  return {
    validateSchema(name, value) {
      if (!(name in schemas)) throw new Error(`The DVS spec has no schema named ${name}`);
      const fn = ajv.getSchema(`${rootId('response')}#/$defs/${name}`);
      if (!fn) throw new Error(`ajv could not compile schema ${name}`);
      return run(fn, value);
    },

    validateResponse(method, pathTemplate, status, body, headers) {
      const operation = findOperation(method, pathTemplate);
      const responses = asNode(operation.responses);
      const key = String(status) in responses ? String(status) : 'default';
      const response = responses[key];
      if (response === undefined) {
        return [`status ${status} is not documented for ${method.toUpperCase()} ${pathTemplate}`];
      }
      const responseNode = asNode(response);
      const errors: string[] = [];
      const schema = contentSchema(responseNode.content);
      if (schema) {
        const fn = compile(`response ${method} ${pathTemplate} ${key}`, () => convert(schema, 'response'));
        errors.push(...run(fn, body));
      } else if (body !== undefined && body !== null && body !== '') {
        errors.push(`/ ${key} response of ${method.toUpperCase()} ${pathTemplate} has no body`);
      }
      if (headers) errors.push(...checkHeaders(responseNode.headers, headers));
      return errors;
    },

    validateRequestBody(method, pathTemplate, body) {
      const operation = findOperation(method, pathTemplate);
      const requestBody = operation.requestBody === undefined ? undefined : asNode(operation.requestBody);
      const schema = requestBody ? contentSchema(requestBody.content) : undefined;
      if (!schema) {
        return body === undefined ? [] : [`${method.toUpperCase()} ${pathTemplate} takes no request body`];
      }
      const fn = compile(`request ${method} ${pathTemplate}`, () => convert(schema, 'request'));
      return run(fn, body);
    },
  };

  function checkHeaders(documented: unknown, given: Record<string, string>): string[] {
    if (documented === undefined) return [];
    const lower = new Map(Object.entries(given).map(([k, v]) => [k.toLowerCase(), v]));
    const errors: string[] = [];
    for (const [name, raw] of Object.entries(asNode(documented))) {
      const value = lower.get(name.toLowerCase());
      if (value === undefined) continue;
      let header = asNode(raw);
      if (typeof header.$ref === 'string') header = asNode(headerDefs[header.$ref.slice(HEADER_REF.length)]);
      const type = asNode(header.schema).type;
      if (type === 'integer' && !/^-?\d+$/.test(value)) {
        errors.push(`header ${name} must be an integer, got ${JSON.stringify(value)}`);
      } else if (type === 'string' && value.trim() === '') {
        errors.push(`header ${name} must not be empty`);
      }
    }
    return errors;
  }
}

function rootId(mode: Mode): string {
  return `https://dtone-gateway.test/dvs-${mode}.json`;
}

function contentSchema(content: unknown): SchemaNode | undefined {
  if (content === undefined) return undefined;
  const json = asNode(content)['application/json'];
  return json === undefined ? undefined : asNode(asNode(json).schema);
}

function applyErrata(schemas: SchemaNode): void {
  const quantity = asNode(asNode(asNode(schemas.validity).properties).quantity);
  quantity.nullable = true;
}

/** Converts one OpenAPI 3.0 schema object (and everything under it) into draft 2019-09 JSON Schema. */
function convert(input: unknown, mode: Mode): SchemaNode {
  const node = asNode(input);
  let nullable = node.nullable === true;
  let closed = false;
  const out: SchemaNode = {};

  for (const [key, value] of Object.entries(node)) {
    if (DROPPED_KEYWORDS.has(key) || key.startsWith('x-')) continue;
    switch (key) {
      case '$ref':
        out.$ref = rewriteRef(value as string, mode);
        break;
      case 'properties':
        out.properties = Object.fromEntries(
          Object.entries(asNode(value)).map(([name, schema]) => [name, convert(schema, mode)]),
        );
        break;
      case 'items':
      case 'not':
        out[key] = convert(value, mode);
        break;
      case 'additionalProperties':
        out[key] = typeof value === 'boolean' ? value : convert(value, mode);
        break;
      case 'allOf': {
        const members: SchemaNode[] = [];
        for (const member of value as unknown[]) {
          const m = asNode(member);
          const keys = Object.keys(m);
          if (keys.length === 1 && m.additionalProperties === false) closed = true;
          else if (keys.length > 0 && keys.every((k) => MODIFIER_KEYS.has(k))) {
            if (m.nullable === true) nullable = true;
            if (m.readOnly === true) out.readOnly = true;
            if (m.writeOnly === true) out.writeOnly = true;
          } else members.push(convert(m, mode));
        }
        out.allOf = members;
        break;
      }
      case 'oneOf':
      case 'anyOf':
        out[key] = (value as unknown[]).map((member) => convert(member, mode));
        break;
      default:
        out[key] = value;
    }
  }

  const result = node.discriminator === undefined ? out : discriminate(asNode(node.discriminator), out, mode);
  if (closed) result.unevaluatedProperties = false;
  if (Array.isArray(result.required) && result.properties !== undefined) {
    const skip = mode === 'response' ? 'writeOnly' : 'readOnly';
    const properties = asNode(result.properties);
    result.required = (result.required as string[]).filter((name) => {
      const property = properties[name];
      return property === undefined || asNode(property)[skip] !== true;
    });
  }
  return nullable ? makeNullable(result) : result;
}

/** `oneOf` + `discriminator.mapping` → "the property is one of the mapped values, and then that schema". */
function discriminate(discriminator: SchemaNode, converted: SchemaNode, mode: Mode): SchemaNode {
  const property = discriminator.propertyName as string;
  const mapping = Object.entries(asNode(discriminator.mapping)) as [string, string][];
  const { oneOf: _replaced, ...rest } = converted;
  return {
    ...rest,
    type: 'object',
    required: [property],
    properties: { [property]: { enum: mapping.map(([value]) => value) } },
    allOf: mapping.map(([value, ref]) => ({
      if: { properties: { [property]: { const: value } }, required: [property] },
      // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword.
      then: { $ref: rewriteRef(ref, mode) },
    })),
  };
}

function makeNullable(schema: SchemaNode): SchemaNode {
  const { type, enum: values } = schema;
  if (typeof type === 'string' && (values === undefined || Array.isArray(values))) {
    const out: SchemaNode = { ...schema, type: [type, 'null'] };
    if (Array.isArray(values)) out.enum = [...values, null];
    return out;
  }
  const { readOnly, writeOnly, description, ...inner } = schema;
  const annotations = Object.fromEntries(
    Object.entries({ readOnly, writeOnly, description }).filter(([, v]) => v !== undefined),
  );
  return { ...annotations, anyOf: [{ type: 'null' }, inner] };
}

function rewriteRef(ref: string, mode: Mode): string {
  if (!ref.startsWith(COMPONENT_REF)) throw new Error(`Unsupported $ref ${ref}`);
  return `${rootId(mode)}#/$defs/${ref.slice(COMPONENT_REF.length)}`;
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  const detail =
    params.additionalProperty ??
    params.unevaluatedProperty ??
    (error.keyword === 'enum' ? (params.allowedValues as unknown[]).join(', ') : undefined) ??
    (error.keyword === 'pattern' ? params.pattern : undefined);
  return detail === undefined ? `${where} ${error.message}` : `${where} ${error.message} (${String(detail)})`;
}

function asNode(value: unknown): SchemaNode {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`Expected a schema object, got ${JSON.stringify(value)}`);
  }
  return value as SchemaNode;
}
