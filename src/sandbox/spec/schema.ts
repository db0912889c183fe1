import { Decimal } from 'decimal.js';
import { isLosslessNumber } from 'lossless-json';

// Over 300 lines on purpose: the reader and the checker of one small OpenAPI subset, which must agree keyword by
// keyword; together they are the whole list of what the spec may say.

/**
 * A compact reader and checker for the OpenAPI 3.0 schemas of DT One's request side (query, path and header
 * parameters, request bodies). It knows exactly the keywords the spec uses and refuses any other, so a new
 * keyword in a future spec fails at sandbox start instead of being skipped.
 *
 * Reading a schema (`createSchemaReader`) resolves `$ref`s, merges `allOf` members and drops `readOnly`
 * properties, as a request sees them. OpenAPI reads an `allOf` member that only holds `nullable`, `readOnly`,
 * `writeOnly` or `description` as a modifier of its parent (`allOf: [{ $ref }, { nullable: true }]` is a
 * nullable reference); test/helpers/spec-validator.ts reads them the same way for ajv.
 */
export type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

export interface RequestSchema {
  type?: SchemaType;
  nullable: boolean;
  readOnly: boolean;
  enum?: readonly unknown[];
  format?: string;
  patterns: readonly RegExp[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  items?: RequestSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, RequestSchema>;
  required: readonly string[];
  /** `false` closes the object; the spec never gives a schema here. */
  additionalProperties?: false;
  minProperties?: number;
  maxProperties?: number;
  oneOf?: readonly RequestSchema[];
  discriminator?: { propertyName: string; mapping: Record<string, RequestSchema> };
  default?: unknown;
  example?: unknown;
  description?: string;
}

/** The first thing wrong with a value: the field it is about (`a.b[2]`, `''` for the value itself) and why. */
export interface Problem {
  field: string;
  problem: string;
}

type Node = Record<string, unknown>;

const COMPONENT_REF = '#/components/schemas/';
const MODIFIER_KEYS = new Set(['nullable', 'readOnly', 'writeOnly', 'description']);
const IGNORED_KEYS = new Set(['writeOnly', 'title', 'externalDocs', 'xml', 'deprecated']);
const FORMATS = new Set(['int32', 'int64', 'double', 'float', 'date', 'date-time', 'uri']);
const RANGES: Record<string, [Decimal, Decimal]> = {
  int32: [new Decimal(-(2 ** 31)), new Decimal(2 ** 31 - 1)],
  int64: [new Decimal('-9223372036854775808'), new Decimal('9223372036854775807')],
};
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;
/** RFC 3986: a scheme, then only URI characters, every `%` starting an escape. */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

/** Reads schemas of `spec` as requests see them; each component is read once. */
export function createSchemaReader(spec: Node) {
  const components = node((node(spec.components ?? {}) as Node).schemas ?? {});
  const byRef = new Map<string, RequestSchema>();
  const reading = new Set<string>();

  const read = (input: unknown): RequestSchema => {
    const n = node(input);
    if (typeof n.$ref === 'string') {
      if (Object.keys(n).some((k) => k !== '$ref' && k !== 'description')) {
        throw new Error(`Unsupported siblings of $ref ${n.$ref}`);
      }
      return readRef(n.$ref);
    }
    const out = empty();
    let modifierNullable = false;
    const members: RequestSchema[] = [];
    for (const [key, value] of Object.entries(n)) {
      if (IGNORED_KEYS.has(key) || key.startsWith('x-')) continue;
      switch (key) {
        case 'allOf':
          for (const member of value as unknown[]) {
            const m = node(member);
            const keys = Object.keys(m);
            if (keys.length > 0 && keys.every((k) => MODIFIER_KEYS.has(k))) {
              modifierNullable ||= m.nullable === true;
              out.readOnly ||= m.readOnly === true;
            } else if (keys.length > 0) {
              members.push(read(m));
            }
          }
          break;
        case 'oneOf':
          out.oneOf = (value as unknown[]).map(read);
          break;
        case 'discriminator': {
          const d = node(value);
          if (d.mapping === undefined) throw new Error('A discriminator needs a mapping');
          out.discriminator = {
            propertyName: String(d.propertyName),
            mapping: Object.fromEntries(Object.entries(node(d.mapping)).map(([k, ref]) => [k, readRef(ref)])),
          };
          break;
        }
        case 'properties':
          out.properties = Object.fromEntries(Object.entries(node(value)).map(([k, s]) => [k, read(s)]));
          break;
        case 'items':
          out.items = read(value);
          break;
        case 'additionalProperties':
          if (value === false) out.additionalProperties = false;
          else if (value !== true && Object.keys(node(value)).length > 0) {
            throw new Error('additionalProperties with a schema is not supported');
          }
          break;
        case 'pattern':
          out.patterns = [new RegExp(String(value), 'u')];
          break;
        case 'format':
          if (!FORMATS.has(String(value))) throw new Error(`Unsupported format ${String(value)}`);
          out.format = String(value);
          break;
        case 'required':
          out.required = value as string[];
          break;
        case 'nullable':
        case 'readOnly':
        case 'uniqueItems':
        case 'exclusiveMinimum':
        case 'exclusiveMaximum':
          out[key] = value === true;
          break;
        case 'type':
        case 'enum':
        case 'minLength':
        case 'maxLength':
        case 'minimum':
        case 'maximum':
        case 'minItems':
        case 'maxItems':
        case 'minProperties':
        case 'maxProperties':
        case 'default':
        case 'example':
        case 'description':
          (out as unknown as Node)[key] = value;
          break;
        default:
          throw new Error(`Unsupported schema keyword ${key}`);
      }
    }
    const ownType = out.type !== undefined;
    for (const member of members) merge(out, member);
    // `allOf: [X]` alone is X, nullable or not; a node with its own type is only nullable if it says so.
    out.nullable =
      n.nullable === true ||
      modifierNullable ||
      (!ownType && members.length > 0 && members.every((m) => m.nullable));
    if (out.properties) {
      // Requests neither send nor are held to `readOnly` properties.
      const readOnly = new Set(Object.keys(out.properties).filter((name) => out.properties![name]!.readOnly));
      for (const name of readOnly) delete out.properties[name];
      out.required = out.required.filter((name) => !readOnly.has(name));
    }
    return out;
  };

  const readRef = (ref: unknown): RequestSchema => {
    if (typeof ref !== 'string' || !ref.startsWith(COMPONENT_REF)) throw new Error(`Unsupported $ref ${ref}`);
    const name = ref.slice(COMPONENT_REF.length);
    const done = byRef.get(name);
    if (done) return done;
    if (reading.has(name)) throw new Error(`Recursive schema ${name} is not supported`);
    if (!(name in components)) throw new Error(`The spec has no schema ${name}`);
    reading.add(name);
    const schema = read(components[name]);
    reading.delete(name);
    byRef.set(name, schema);
    return schema;
  };

  return { read };
}

/** The first problem of `value` against `schema`, or `undefined`. Numbers may be `LosslessNumber`s. */
export function findProblem(schema: RequestSchema, value: unknown, field = ''): Problem | undefined {
  const at = (problem: string, where = field): Problem => ({ field: where, problem });
  if (value === null) return schema.nullable ? undefined : at('must not be null');
  if (schema.type !== undefined && !hasType(schema.type, value)) return at(`must be ${article(schema.type)}`);
  if (schema.enum && !schema.enum.some((allowed) => sameValue(allowed, value))) {
    return at(`must be one of ${schema.enum.join(', ')}`);
  }
  if (typeof value === 'string') return stringProblem(schema, value, at);
  const numeric = numericText(value);
  if (numeric !== undefined) return numberProblem(schema, numeric, at);
  if (Array.isArray(value)) return arrayProblem(schema, value, field);
  if (isObject(value)) return objectProblem(schema, value, field);
  return undefined;
}

/** `a` + `b` → `a.b`; the root's children have no prefix. */
export function childField(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

function stringProblem(
  schema: RequestSchema,
  value: string,
  at: (p: string) => Problem,
): Problem | undefined {
  const length = [...value].length;
  if (schema.minLength !== undefined && length < schema.minLength) {
    return at(`must be at least ${schema.minLength} characters`);
  }
  if (schema.maxLength !== undefined && length > schema.maxLength) {
    return at(`must be at most ${schema.maxLength} characters`);
  }
  for (const pattern of schema.patterns) {
    if (!pattern.test(value)) return at(`must match the pattern ${pattern.source}`);
  }
  if (schema.format === 'date' && !isDate(value)) return at('must be a date (YYYY-MM-DD)');
  if (schema.format === 'date-time' && !isDateTime(value)) {
    return at('must be an RFC 3339 date-time with an offset');
  }
  if (schema.format === 'uri' && !URI.test(value)) return at('must be an absolute URI');
  return undefined;
}

function numberProblem(schema: RequestSchema, text: string, at: (p: string) => Problem): Problem | undefined {
  const n = new Decimal(text);
  if (schema.type === 'integer' && !n.isInteger()) return at('must be an integer');
  const range = schema.format === undefined ? undefined : RANGES[schema.format];
  if (range && (n.lessThan(range[0]) || n.greaterThan(range[1]))) {
    return at(`must be between ${range[0]} and ${range[1]}`);
  }
  if ((schema.format === 'double' || schema.format === 'float') && !Number.isFinite(Number(text))) {
    return at('must be a finite number');
  }
  if (schema.minimum !== undefined) {
    const low = schema.exclusiveMinimum ? n.lessThanOrEqualTo(schema.minimum) : n.lessThan(schema.minimum);
    if (low) return at(`must be ${schema.exclusiveMinimum ? 'greater than' : 'at least'} ${schema.minimum}`);
  }
  if (schema.maximum !== undefined) {
    const high = schema.exclusiveMaximum
      ? n.greaterThanOrEqualTo(schema.maximum)
      : n.greaterThan(schema.maximum);
    if (high) return at(`must be ${schema.exclusiveMaximum ? 'less than' : 'at most'} ${schema.maximum}`);
  }
  return undefined;
}

function arrayProblem(schema: RequestSchema, value: unknown[], field: string): Problem | undefined {
  if (schema.minItems !== undefined && value.length < schema.minItems) {
    return { field, problem: `must have at least ${schema.minItems} items` };
  }
  if (schema.maxItems !== undefined && value.length > schema.maxItems) {
    return { field, problem: `must have at most ${schema.maxItems} items` };
  }
  if (schema.items) {
    for (const [i, item] of value.entries()) {
      const problem = findProblem(schema.items, item, `${field}[${i}]`);
      if (problem) return problem;
    }
  }
  if (schema.uniqueItems) {
    const seen = new Set(value.map(canonical));
    if (seen.size !== value.length) return { field, problem: 'must not repeat an item' };
  }
  return undefined;
}

function objectProblem(
  schema: RequestSchema,
  value: Record<string, unknown>,
  field: string,
): Problem | undefined {
  const present = Object.keys(value).filter((k) => value[k] !== undefined);
  if (schema.minProperties !== undefined && present.length < schema.minProperties) {
    return { field, problem: `must have at least ${schema.minProperties} field(s)` };
  }
  if (schema.maxProperties !== undefined && present.length > schema.maxProperties) {
    return { field, problem: `must have at most ${schema.maxProperties} field(s)` };
  }
  for (const name of schema.required) {
    if (value[name] === undefined) return { field: childField(field, name), problem: 'is required' };
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (value[name] === undefined) continue;
    const problem = findProblem(property, value[name], childField(field, name));
    if (problem) return problem;
  }
  if (schema.additionalProperties === false) {
    const unknown = present.find((name) => !(name in (schema.properties ?? {})));
    if (unknown !== undefined) return { field: childField(field, unknown), problem: 'is not allowed' };
  }
  if (schema.discriminator) {
    const { propertyName, mapping } = schema.discriminator;
    const where = childField(field, propertyName);
    const kind = value[propertyName];
    if (kind === undefined) return { field: where, problem: 'is required' };
    const member = typeof kind === 'string' && Object.hasOwn(mapping, kind) ? mapping[kind] : undefined;
    if (!member) return { field: where, problem: `must be one of ${Object.keys(mapping).join(', ')}` };
    return findProblem(member, value, field);
  }
  if (schema.oneOf) {
    const matches = schema.oneOf.filter((member) => findProblem(member, value, field) === undefined).length;
    if (matches !== 1) return { field, problem: 'must match exactly one of its schemas' };
  }
  return undefined;
}

function merge(into: RequestSchema, from: RequestSchema): void {
  if (from.type !== undefined) {
    if (into.type !== undefined && into.type !== from.type) throw new Error('allOf members disagree on type');
    into.type = from.type;
  }
  into.readOnly ||= from.readOnly;
  if (from.enum) into.enum = into.enum ? into.enum.filter((v) => from.enum!.includes(v)) : from.enum;
  if (from.format !== undefined) into.format ??= from.format;
  into.patterns = [...into.patterns, ...from.patterns];
  into.required = [...new Set([...into.required, ...from.required])];
  for (const key of ['minLength', 'minimum', 'minItems', 'minProperties'] as const) {
    if (from[key] !== undefined) into[key] = Math.max(into[key] ?? -Infinity, from[key]);
  }
  for (const key of ['maxLength', 'maximum', 'maxItems', 'maxProperties'] as const) {
    if (from[key] !== undefined) into[key] = Math.min(into[key] ?? Infinity, from[key]);
  }
  if (from.exclusiveMinimum) into.exclusiveMinimum = true;
  if (from.exclusiveMaximum) into.exclusiveMaximum = true;
  if (from.uniqueItems) into.uniqueItems = true;
  if (from.additionalProperties === false) into.additionalProperties = false;
  if (from.properties) {
    for (const name of Object.keys(from.properties)) {
      if (into.properties && name in into.properties) throw new Error(`allOf members both define ${name}`);
    }
    into.properties = { ...into.properties, ...from.properties };
  }
  for (const key of ['items', 'oneOf', 'discriminator'] as const) {
    if (from[key] === undefined) continue;
    if (into[key] !== undefined) throw new Error(`allOf members both define ${key}`);
    (into as unknown as Node)[key] = from[key];
  }
  into.default ??= from.default;
  into.example ??= from.example;
  into.description ??= from.description;
}

function empty(): RequestSchema {
  return { nullable: false, readOnly: false, patterns: [], required: [] };
}

function hasType(type: SchemaType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    case 'number':
      return numericText(value) !== undefined;
    case 'integer': {
      const text = numericText(value);
      return text !== undefined && new Decimal(text).isInteger();
    }
  }
}

/** A JSON number's text: `LosslessNumber`s keep theirs (no precision lost on int64 ids). */
export function numericText(value: unknown): string | undefined {
  if (isLosslessNumber(value)) return value.value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  const na = numericText(a);
  const nb = numericText(b);
  if (na !== undefined && nb !== undefined) return new Decimal(na).equals(nb);
  return a === b;
}

function canonical(value: unknown): string {
  const text = numericText(value);
  if (text !== undefined) return `n:${new Decimal(text).toString()}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (!m || !isDate(m[1]!)) return false;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const offsetOk = m[5] === undefined || (Number(m[5]) < 24 && Number(m[6]) < 60);
  return hour < 24 && minute < 60 && second < 60 && offsetOk;
}

function article(type: SchemaType): string {
  return type === 'integer' || type === 'object' || type === 'array' ? `an ${type}` : `a ${type}`;
}

function node(value: unknown): Node {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`Expected a schema object, got ${JSON.stringify(value)}`);
  }
  return value as Node;
}
