import {
  type GraphQLArgument,
  GraphQLEnumType,
  type GraphQLField,
  GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLScalarType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
} from 'graphql';

/** A small seeded PRNG (mulberry32): the same seed gives the same operations, run after run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Random = ReturnType<typeof seededRandom>;

export interface GeneratedOperation {
  kind: 'query' | 'mutation' | 'subscription' | 'malformed';
  query: string;
  variables: Record<string, unknown>;
}

/** Values a scalar may be given: mostly well-formed, sometimes hostile (the schema must refuse them cleanly). */
const SCALAR_VALUES: Record<string, (r: Random) => unknown> = {
  Int: (r) => r.pick([0, 1, 2, 5, 10, 100, -1, 2_147_483_647, 1e12, 1.5]),
  Float: (r) => r.pick([0, 1.5, -3, 1e308]),
  String: (r) => r.pick(['', 'a', 'x'.repeat(300), '💸', 'YXJyYXljb25uZWN0aW9uOjA=', '\u0000']),
  Boolean: (r) => r.pick([true, false]),
  ID: (r) => r.pick(['1', 'VHJhbnNhY3Rpb246MQ==', 'Q291bnRyeTpJRE4=', 'T3BlcmF0b3I6MQ==', 'nope', '']),
  Decimal: (r) => r.pick(['10', '10.50', '0.001', '-1', '1e5', 'NaN', '9'.repeat(1_200), 'ten']),
  DateTime: (r) => r.pick(['2026-01-01T00:00:00Z', '2026-13-01T00:00:00Z', 'yesterday']),
  CountryCode: (r) => r.pick(['IDN', 'PHL', 'ABW', 'XXX', 'id', '']),
  CurrencyCode: (r) => r.pick(['USD', 'EUR', 'IDR', 'ZZZ', 'usd']),
  PhoneNumber: (r) => r.pick(['+2975600100', '+6591234100', '+628123456789', '12', 'not a number']),
};

function valueFor(type: GraphQLInputType, r: Random, depth: number): unknown {
  if (type instanceof GraphQLNonNull) return valueFor(type.ofType, r, depth);
  if (r.chance(0.03)) return null;
  if (type instanceof GraphQLList) {
    return Array.from({ length: r.int(0, 3) }, () => valueFor(type.ofType, r, depth + 1));
  }
  if (type instanceof GraphQLEnumType) {
    const values = type.getValues().map((v) => v.name);
    return r.chance(0.05) ? 'NOT_A_VALUE' : r.pick(values);
  }
  if (type instanceof GraphQLScalarType) return (SCALAR_VALUES[type.name] ?? SCALAR_VALUES.String!)(r);
  if (type instanceof GraphQLInputObjectType) {
    const value: Record<string, unknown> = {};
    if (depth > 4) return value;
    for (const field of Object.values(type.getFields())) {
      if (field.type instanceof GraphQLNonNull || r.chance(0.5)) {
        value[field.name] = valueFor(field.type, r, depth + 1);
      }
    }
    if (r.chance(0.03)) value.unknownField = 1;
    return value;
  }
  return null;
}

/** Builds operations from the schema: random root fields, arguments as variables, nested selections. */
export function createOperationGenerator(schema: GraphQLSchema, seed: number) {
  const r = seededRandom(seed);

  function selection(type: GraphQLOutputType, depth: number, vars: VariableBag): string {
    const named = getNamedType(type);
    if (isLeafType(named)) return '';
    if (depth > 6 || r.chance(depth * 0.08)) return '{ __typename }';
    if (isAbstractType(named)) {
      const possible = schema.getPossibleTypes(named);
      const parts = ['__typename'];
      for (const member of possible) {
        if (r.chance(0.4)) parts.push(`... on ${member.name} ${selection(member, depth + 1, vars)}`);
      }
      return `{ ${parts.join(' ')} }`;
    }
    if (!isObjectType(named)) return '';
    const fields = Object.values(named.getFields());
    const count = r.int(1, Math.min(4, fields.length));
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(field(r.pick(fields), depth + 1, vars));
    return `{ ${parts.join(' ')} }`;
  }

  function field(f: GraphQLField<unknown, unknown>, depth: number, vars: VariableBag): string {
    const alias = r.chance(0.1) ? `a${r.int(0, 999)}: ` : '';
    const args = f.args
      .filter((arg) => arg.type instanceof GraphQLNonNull || r.chance(0.4))
      .map((arg) => `${arg.name}: ${argument(arg, vars)}`);
    const directive = r.chance(0.05)
      ? ` @${r.pick(['skip', 'include'])}(if: ${r.pick(['true', 'false'])})`
      : '';
    const argText = args.length ? `(${args.join(', ')})` : '';
    return `${alias}${f.name}${argText}${directive} ${selection(f.type, depth, vars)}`;
  }

  function argument(arg: GraphQLArgument, vars: VariableBag): string {
    const name = `v${vars.definitions.length}`;
    vars.definitions.push(`$${name}: ${String(arg.type)}`);
    vars.values[name] = valueFor(arg.type, r, 0);
    return `$${name}`;
  }

  function malformed(): string {
    const kind = r.int(0, 5);
    if (kind === 0) return `{ countries(first: ${'['.repeat(2_000)}1${']'.repeat(2_000)}) { totalCount } }`;
    if (kind === 1) return `query { ${'a: __typename '.repeat(r.int(20, 200))} }`;
    if (kind === 2) {
      // Well-formed but past the depth limit: country → operators → edges → node → country …
      const levels = r.int(3, 6);
      return `{ country(isoCode: "IDN") { ${'operators(first: 1) { edges { node { country { '.repeat(levels)}name${' } } } }'.repeat(levels)} } }`;
    }
    if (kind === 3) return `${'{ __typename @include(if: true) '.repeat(3)}`;
    if (kind === 4) return `subscription { transactionUpdated(id: "x") @skip(if: true) { id } }`;
    return String.fromCharCode(...Array.from({ length: r.int(1, 200) }, () => r.int(32, 126)));
  }

  return {
    random: r,
    next(
      kinds: readonly GeneratedOperation['kind'][] = ['query', 'query', 'query', 'mutation', 'malformed'],
    ) {
      const kind = r.pick(kinds);
      if (kind === 'malformed')
        return { kind, query: malformed(), variables: {} } satisfies GeneratedOperation;
      const root = (
        kind === 'query'
          ? schema.getQueryType()
          : kind === 'mutation'
            ? schema.getMutationType()
            : schema.getSubscriptionType()
      ) as GraphQLObjectType;
      const vars: VariableBag = { definitions: [], values: {} };
      const fields = Object.values(root.getFields());
      // Mutations: one root field, as clients send them (several in one operation is its own rule).
      const count = kind === 'query' ? r.int(1, 2) : 1;
      const body = Array.from({ length: count }, () => field(r.pick(fields), 1, vars)).join(' ');
      const defs = vars.definitions.length ? `(${vars.definitions.join(', ')})` : '';
      return {
        kind,
        query: `${kind} Fuzz${defs} { ${body} }`,
        variables: vars.values,
      } satisfies GeneratedOperation;
    },
  };
}

interface VariableBag {
  definitions: string[];
  values: Record<string, unknown>;
}
