import fc from 'fast-check';
import { LosslessNumber, stringify } from 'lossless-json';
import { DEPENDENT_RULES, type OperationSpec, type ParameterSpec } from '../../src/sandbox/spec/requests.js';
import { childField, findProblem, type RequestSchema } from '../../src/sandbox/spec/schema.js';

/**
 * Request variants of DVS operations, generated from the spec's own schemas (as src/sandbox/spec reads them):
 * invalid ones change one parameter or body field of a valid request in one way the schema forbids, valid ones
 * set it to a value the schema allows (enum members, bounds, examples, defaults, formats, strings drawn from
 * the pattern). Everything is drawn with fast-check from a fixed seed, so the lists are the same on every run.
 */
export interface RequestShape {
  path: Record<string, string>;
  /** Several values repeat the parameter. */
  query: Record<string, string[]>;
  headers: Record<string, string>;
  /** `undefined`: no body at all. */
  body?: unknown;
}

export interface Variant {
  operation: OperationSpec;
  kind: string;
  /** The field an invalid variant breaks (as the sandbox names it) or a valid one sets. */
  field: string;
  request: RequestShape;
  /** Only a reader that keeps every digit can tell (an int64 out of range); JSON.parse cannot. */
  beyondDouble?: true;
}

type Where = ParameterSpec['in'] | 'body';
type Json = unknown;

const SEED = 18;
const RANDOM_SAMPLES = 3;
const INT32_MAX = 2_147_483_647;
const INT64_MAX = '9223372036854775807';
const FORMAT_RANGE: Record<string, [string, string]> = {
  int32: ['-2147483648', String(INT32_MAX)],
  int64: ['-9223372036854775808', INT64_MAX],
};

// ---------------------------------------------------------------------------------------------------------------
// Invalid variants

/** One-change-each invalid variants of `operation`, starting from `base` (a request the spec accepts). */
export function invalidVariants(operation: OperationSpec, base: RequestShape): Variant[] {
  const out: Variant[] = [];
  const push = (kind: string, field: string, request: RequestShape, bad?: Pick<Bad, 'beyondDouble'>) =>
    out.push({ operation, kind, field, request, ...(bad?.beyondDouble && { beyondDouble: true as const }) });

  for (const parameter of operation.parameters) {
    const { name, schema } = parameter;
    const withValue = (values: string[]): RequestShape => {
      const request = cloneShape(base);
      if (parameter.in === 'path') request.path[name] = values[0]!;
      else if (parameter.in === 'header') request.headers[name] = values[0]!;
      else request.query[name] = values;
      for (const rule of operation.rules) {
        if (rule.kind === 'requires' && rule.when === name)
          request.query[rule.param] ??= [validText(rule.param)];
      }
      return request;
    };
    for (const bad of badValues(schema, parameter.in)) {
      push(bad.kind, bad.field ? `${name}${bad.field}` : name, withValue([textOf(bad.value)]), bad);
    }
    if (parameter.in === 'query') {
      const value = textOf(validSamples(schema, 'query', 1)[0]);
      push('repeated', name, withValue([value, value]));
    }
  }

  if (operation.body) {
    if (operation.body.required) push('required', 'body', { ...cloneShape(base), body: undefined });
    for (const bad of badValues(operation.body.schema, 'body')) {
      if (bad.field === '') push(bad.kind, 'body', { ...cloneShape(base), body: bad.value });
    }
    walkBody(operation.body.schema, base.body, [], (bad, field, body) =>
      push(bad.kind, field, { ...cloneShape(base), body }, bad),
    );
  }

  for (const rule of operation.rules) {
    if (rule.kind === 'requires') {
      const request = cloneShape(base);
      request.query[rule.when] = [validText(rule.when)];
      delete request.query[rule.param];
      push('dependent', rule.param, request);
    } else {
      const at = (iso: string) => ({ ...cloneShape(base).query, [rule.from]: [iso] });
      const tooLong = at('2026-01-01T00:00:00Z');
      tooLong[rule.to] = [new Date(Date.parse('2026-01-01T00:00:00Z') + rule.maxMs + 1000).toISOString()];
      push('dependent', rule.from, { ...cloneShape(base), query: tooLong });
      const reversed = at('2026-01-02T00:00:00Z');
      reversed[rule.to] = ['2026-01-01T23:59:59Z'];
      push('dependent', rule.to, { ...cloneShape(base), query: reversed });
    }
  }
  return out;
}

/** Invalid body variants below the root: each field of `value` (a full valid body) broken in each way. */
function walkBody(
  schema: RequestSchema,
  value: Json,
  path: string[],
  emit: (bad: Pick<Bad, 'kind' | 'beyondDouble'>, field: string, body: Json) => void,
  root: Json = value,
): void {
  const field = path.join('.');
  if (path.length > 0) {
    for (const bad of badValues(schema, 'body')) {
      if (bad.field === '') emit(bad, field, setAt(root, path, bad.value));
    }
  }
  if (!isPlainObject(value)) return;
  const object = objectSchema(schema, value);
  for (const name of object.required) {
    if (name === schema.discriminator?.propertyName) {
      emit({ kind: 'oneOf' }, childField(field, name), setAt(root, [...path, name], undefined));
    } else {
      emit({ kind: 'required' }, childField(field, name), setAt(root, [...path, name], undefined));
    }
  }
  if (object.additionalProperties === false) {
    const unexpected = [...path, 'unexpected_field'];
    emit(
      { kind: 'additional property' },
      childField(field, 'unexpected_field'),
      setAt(root, unexpected, 'x'),
    );
  }
  if (object.minProperties !== undefined && object.minProperties > 0) {
    emit({ kind: 'min properties' }, field || 'body', setAt(root, path, {}));
  }
  if (schema.discriminator) {
    const { propertyName } = schema.discriminator;
    const kindAt = [...path, propertyName];
    emit({ kind: 'oneOf' }, childField(field, propertyName), setAt(root, kindAt, 'UNKNOWN_MEMBER'));
  }
  for (const [name, property] of Object.entries(object.properties ?? {})) {
    if (value[name] === undefined || name === schema.discriminator?.propertyName) continue;
    walkBody(property, value[name], [...path, name], emit, root);
  }
}

interface Bad {
  kind: string;
  beyondDouble?: true;
  /** Appended to the field's name (`[1]` for an array item); `''` for the value itself. */
  field: string;
  value: Json;
}

/** Values breaking `schema` in each way it can be broken, as sent `where` (parameters are text). */
function badValues(schema: RequestSchema, where: Where): Bad[] {
  const text = where !== 'body';
  const out: Bad[] = [];
  const add = (kind: string, value: Json, field = '', beyondDouble = false) => {
    if (text && typeof value === 'string' && !sendable(value, where)) return;
    // The sandbox reads a query space as an unencoded `+` when that makes the value valid: no such values.
    if (where === 'query' && typeof value === 'string' && value.includes(' ')) return;
    out.push({ kind, field, value, ...(beyondDouble && { beyondDouble: true as const }) });
  };
  const sample = validSamples(schema, where, 1)[0];

  switch (schema.type) {
    case 'string':
      if (!text) {
        add('wrong type', new LosslessNumber('42'));
        add('wrong type', true);
      }
      break;
    case 'integer':
      add('wrong type', text ? 'abc' : '42');
      add('wrong type', text ? '1.5' : new LosslessNumber('1.5'));
      break;
    case 'number':
      add('wrong type', text ? 'abc' : '1.5');
      break;
    case 'boolean':
      add('wrong type', text ? 'yes' : 'true');
      if (!text) add('wrong type', new LosslessNumber('1'));
      break;
    case 'object':
      add('wrong type', 'text');
      add('wrong type', []);
      break;
    case 'array':
      if (!text) add('wrong type', {});
      break;
  }
  if (!text && !schema.nullable) add('null', null);
  if (schema.enum) add('enum', `NOT_${String(schema.enum[0])}`);

  if (schema.type === 'string') {
    const base = typeof sample === 'string' ? sample : 'a';
    for (const pattern of schema.patterns) {
      const broken = breakPattern(schema, pattern, base, where);
      if (broken !== undefined) add('pattern', broken);
    }
    if (schema.minLength !== undefined && schema.minLength > 0)
      add('length', base.slice(0, schema.minLength - 1));
    if (schema.maxLength !== undefined) add('length', base.padEnd(schema.maxLength + 1, base.at(-1) ?? 'x'));
    if (schema.format === 'date') add('format', '2026-02-30');
    if (schema.format === 'date-time') add('format', '2026-01-01T24:00:00Z');
    if (schema.format === 'uri') add('format', text ? 'no-scheme' : 'not a uri');
  }
  if (schema.type === 'integer' || schema.type === 'number') {
    const number = (n: string) => (text ? n : new LosslessNumber(n));
    if (schema.minimum !== undefined) add('range', number(String(schema.minimum - 1)));
    if (schema.maximum !== undefined) add('range', number(String(schema.maximum + 1)));
    const range = schema.format === undefined ? undefined : FORMAT_RANGE[schema.format];
    if (range && (schema.maximum === undefined || schema.maximum > Number(range[1]))) {
      const above = BigInt(range[1]) + 1n;
      add('range', number(above.toString()), '', above > BigInt(Number.MAX_SAFE_INTEGER));
    }
  }
  if (schema.type === 'array' && schema.items) {
    const item = textOf(validSamples(schema.items, where, 1)[0]);
    for (const bad of badValues(schema.items, where)) {
      if (bad.field === '' && !textOf(bad.value).includes(',')) {
        add(bad.kind, `${item},${textOf(bad.value)}`, '[1]');
      }
    }
    if (schema.uniqueItems) add('unique items', `${item},${item}`);
  }
  return out;
}

/** A string of acceptable length that `pattern` refuses (and that can be sent where it goes). */
function breakPattern(
  schema: RequestSchema,
  pattern: RegExp,
  base: string,
  where: Where,
): string | undefined {
  const length = Math.max(schema.minLength ?? 1, 1);
  const candidates = [
    `!${base}`,
    `${base}!`,
    base.toLowerCase(),
    base.slice(1),
    '#'.repeat(length),
    ' '.repeat(length),
    'a'.repeat(length),
    'A'.repeat(length),
    '0'.repeat(length),
    '',
  ];
  return candidates.find(
    (c) =>
      !pattern.test(c) &&
      (where === 'body' || sendable(c, where)) &&
      [...c].length >= (schema.minLength ?? 0) &&
      [...c].length <= (schema.maxLength ?? Infinity),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Valid variants

/**
 * Variants setting each parameter, and each top-level body field, to values the spec allows, one at a time over
 * `base`. `adjust` may rewrite or drop a variant to keep it clear of rules outside the spec (a real product,
 * an unused external_id); it returns `undefined` to drop it.
 */
export function validVariants(
  operation: OperationSpec,
  base: RequestShape,
  adjust: (variant: Variant) => Variant | undefined = (v) => v,
): Variant[] {
  const out: Variant[] = [];
  const push = (field: string, request: RequestShape) => {
    const variant = adjust({ operation, kind: 'valid', field, request });
    if (variant) out.push(variant);
  };
  push('(baseline)', cloneShape(base));

  for (const parameter of operation.parameters) {
    const { name, schema } = parameter;
    for (const value of validSamples(schema, parameter.in, RANDOM_SAMPLES, seedOf(operation, name))) {
      const request = cloneShape(base);
      const valueText = textOf(value);
      if (parameter.in === 'path') request.path[name] = valueText;
      else if (parameter.in === 'header') request.headers[name] = valueText;
      else request.query[name] = [valueText];
      for (const rule of operation.rules) {
        if (rule.kind === 'requires' && rule.when === name)
          request.query[rule.param] ??= [validText(rule.param)];
      }
      push(name, request);
    }
  }
  for (const rule of operation.rules) {
    if (rule.kind !== 'window') continue;
    const request = cloneShape(base);
    request.query[rule.from] = ['2026-01-01T00:00:00+08:00'];
    request.query[rule.to] = [new Date(Date.parse('2026-01-01T00:00:00+08:00') + rule.maxMs).toISOString()];
    push(`${rule.from}+${rule.to}`, request);
  }

  if (operation.body && isPlainObject(base.body)) {
    const object = objectSchema(operation.body.schema, base.body);
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      for (const value of validSamples(property, 'body', RANDOM_SAMPLES, seedOf(operation, name))) {
        push(name, { ...cloneShape(base), body: { ...base.body, [name]: value } });
      }
      if (!object.required.includes(name) && base.body[name] !== undefined) {
        push(name, { ...cloneShape(base), body: setAt(base.body, [name], undefined) });
      }
    }
    const full = fullValue(operation.body.schema);
    if (isPlainObject(full)) push('(every field)', { ...cloneShape(base), body: { ...full, ...base.body } });
  }
  return out;
}

/** Values `schema` accepts: null when nullable, enum members, example, default, bounds, then random draws. */
export function validSamples(schema: RequestSchema, where: Where, randomCount: number, seed = SEED): Json[] {
  const values: Json[] = [];
  const add = (value: Json) => {
    if (value === undefined || findProblem(schema, value) !== undefined) return;
    if (where !== 'body' && (value === null || !sendable(textOf(value), where))) return;
    if (where !== 'body' && Array.isArray(value) && value.some((item) => textOf(item).includes(','))) return;
    if (values.some((v) => stringify(v) === stringify(value))) return;
    values.push(value);
  };
  const number = (n: string | number) => new LosslessNumber(String(n));
  if (schema.enum) schema.enum.forEach(add);
  if (schema.example !== undefined)
    add(typeof schema.example === 'number' ? number(schema.example) : schema.example);
  if (schema.default !== undefined)
    add(typeof schema.default === 'number' ? number(schema.default) : schema.default);
  if (schema.type === 'integer' || schema.type === 'number') {
    if (schema.minimum !== undefined) add(number(schema.minimum));
    if (schema.maximum !== undefined) add(number(schema.maximum));
    if (schema.format === 'int64') add(number(INT64_MAX));
  }
  if (schema.type === 'boolean') [true, false].forEach(add);
  for (const value of fc.sample(arbitrary(schema), { seed, numRuns: randomCount * 4 })) {
    if (values.length >= (schema.enum ? schema.enum.length : 0) + randomCount + 3) break;
    add(value);
  }
  if (schema.nullable && where === 'body') add(null);
  return values;
}

function arbitrary(schema: RequestSchema): fc.Arbitrary<Json> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.discriminator) {
    const { propertyName, mapping } = schema.discriminator;
    return fc.oneof(
      ...Object.entries(mapping).map(([key, member]) =>
        arbitrary(member).map((v) => (isPlainObject(v) ? { ...v, [propertyName]: key } : v)),
      ),
    );
  }
  switch (schema.type) {
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const min = schema.minimum ?? -1000;
      const max = Math.min(schema.maximum ?? INT32_MAX, INT32_MAX);
      return fc.integer({ min, max }).map((n) => new LosslessNumber(String(n)));
    }
    case 'number':
      return fc
        .tuple(
          fc.integer({ min: schema.minimum ?? 0, max: schema.maximum ?? 100_000 }),
          fc.integer({ min: 0, max: 99 }),
        )
        .map(([i, d]) => new LosslessNumber(`${i}.${String(d).padStart(2, '0')}`));
    case 'array':
      return fc.uniqueArray(schema.items ? arbitrary(schema.items) : fc.string(), {
        minLength: Math.max(schema.minItems ?? 0, 1),
        maxLength: Math.min(schema.maxItems ?? 3, 3),
        selector: (v) => stringify(v),
      });
    case 'object':
      return objectArbitrary(schema);
    default:
      return stringArbitrary(schema);
  }
}

function stringArbitrary(schema: RequestSchema): fc.Arbitrary<Json> {
  const { minLength = 0, maxLength = 40 } = schema;
  switch (schema.format) {
    case 'date':
      return day().map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .tuple(day(), fc.constantFrom('Z', '+08:00', '-05:30', '.250Z'))
        .map(([d, zone]) => d.toISOString().slice(0, 19) + zone);
    case 'uri':
      return fc.webPath().map((path) => `https://callbacks.example.com${path}`);
  }
  const strings =
    schema.patterns.length > 0 ? fc.stringMatching(schema.patterns[0]!) : fc.string({ minLength, maxLength });
  return strings.filter((s) => findProblem(schema, s) === undefined);
}

function objectArbitrary(schema: RequestSchema): fc.Arbitrary<Json> {
  const properties = Object.entries(schema.properties ?? {});
  const names = properties.map(([name]) => name);
  const arbitraries = Object.fromEntries(properties.map(([name, s]) => [name, arbitrary(s)]));
  const optional = names.filter((name) => !schema.required.includes(name));
  return fc
    .subarray(optional, {
      minLength: Math.min(optional.length, Math.max((schema.minProperties ?? 0) - schema.required.length, 0)),
    })
    .chain((chosen) =>
      fc.record(
        Object.fromEntries([...schema.required, ...chosen].map((name) => [name, arbitraries[name]!])),
      ),
    );
}

function day(): fc.Arbitrary<Date> {
  return fc
    .integer({ min: Date.UTC(2020, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 })
    .map((s) => new Date(s * 1000));
}

/** A valid value with every property filled in (the first member of a `oneOf`). */
export function fullValue(schema: RequestSchema): Json {
  if (schema.discriminator) {
    const [key, member] = Object.entries(schema.discriminator.mapping)[0]!;
    return { ...(fullValue(member) as Record<string, Json>), [schema.discriminator.propertyName]: key };
  }
  if (schema.type === 'object') {
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([name, s]) => [name, fullValue(s)]),
    );
  }
  return validSamples(schema, 'body', 1).find((v) => v !== null);
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

/** Every field a request of `operation` can carry: its parameters, and body fields as `a.b` paths. */
export function fieldsOf(operation: OperationSpec): string[] {
  const fields = operation.parameters.map((p) => p.name);
  const walk = (schema: RequestSchema, prefix: string) => {
    const object = schema.discriminator ? Object.values(schema.discriminator.mapping)[0]! : schema;
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const field = childField(prefix, name);
      fields.push(field);
      walk(property, field);
    }
  };
  if (operation.body) walk(operation.body.schema, '');
  return fields;
}

/** The URL path (under `/v1`), query string and init of a request, ready for `dvs()`. */
export function toHttp(operation: OperationSpec, request: RequestShape) {
  const path = operation.template
    .replace(/^\/v1/, '')
    .replace(/\{(\w+)\}/g, (_all, name: string) => encodeURIComponent(request.path[name] ?? ''));
  const query = Object.entries(request.query)
    .flatMap(([name, values]) => values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`))
    .join('&');
  return {
    path: query === '' ? path : `${path}?${query}`,
    init: {
      method: operation.method,
      headers: request.headers,
      ...(request.body !== undefined && { body: stringify(request.body) ?? 'null' }),
    },
  };
}

export function cloneShape(shape: RequestShape): RequestShape {
  return {
    path: { ...shape.path },
    query: Object.fromEntries(Object.entries(shape.query).map(([k, v]) => [k, [...v]])),
    headers: { ...shape.headers },
    ...(shape.body !== undefined && { body: clone(shape.body) }),
  };
}

/** A seed per operation and field, so that two operations sharing a schema do not draw the same values. */
function seedOf(operation: OperationSpec, field: string): number {
  let h = SEED;
  for (const ch of `${operation.key} ${field}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/** The dependent rule's partner value used with `name` (e.g. a service_id next to a subservice_id). */
function validText(name: string): string {
  return name.endsWith('_id') ? '1' : 'x';
}

function objectSchema(schema: RequestSchema, value: Record<string, Json>): RequestSchema {
  if (!schema.discriminator) return schema;
  const member = schema.discriminator.mapping[String(value[schema.discriminator.propertyName])];
  return member ?? schema;
}

function textOf(value: Json): string {
  return typeof value === 'string'
    ? value
    : Array.isArray(value)
      ? value.map(textOf).join(',')
      : String(value);
}

/** Text that survives a URL: no lone surrogates; a path segment must be non-empty and carry no `/`. */
function sendable(value: string, where: Where): boolean {
  try {
    encodeURIComponent(value);
  } catch {
    return false;
  }
  if (where === 'path') return value !== '' && value !== '.' && value !== '..';
  if (where === 'header') return /^[\x20-\x7e]*$/.test(value) && value.trim() === value;
  return true;
}

function setAt(root: Json, path: string[], value: Json): Json {
  if (path.length === 0) return value;
  const copy = clone(root) as Record<string, Json>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, Json>;
  if (value === undefined) delete node[path.at(-1)!];
  else node[path.at(-1)!] = value;
  return copy;
}

function clone(value: Json): Json {
  if (Array.isArray(value)) return value.map(clone);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clone(v)]));
  return value;
}

function isPlainObject(value: Json): value is Record<string, Json> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof LosslessNumber)
  );
}

export { DEPENDENT_RULES };
