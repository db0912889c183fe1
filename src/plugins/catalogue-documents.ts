import {
  type DocumentNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  isUnionType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * The Query fields that read DT One's catalogue and nothing else. An allow-list, not a deny-list: a field added
 * to Query later (a new look-up, a new money type) is never kept whole until someone adds it here.
 */
export const CATALOGUE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'benefitTypes',
  'campaign',
  'campaigns',
  'countries',
  'country',
  'operator',
  'operators',
  'product',
  'products',
  'promotion',
  'promotions',
  'service',
  'services',
]);

/** Every type an answer of the catalogue root fields can hold: what they return, and what those lead to. */
export function catalogueTypes(schema: GraphQLSchema): ReadonlySet<string> {
  const query = schema.getQueryType();
  const seen = new Set<string>();
  const walk = (type: GraphQLNamedType) => {
    if (seen.has(type.name)) return;
    seen.add(type.name);
    if (isObjectType(type) || isInterfaceType(type))
      for (const field of Object.values(type.getFields())) walk(getNamedType(field.type));
    if (isInterfaceType(type)) for (const member of schema.getPossibleTypes(type)) walk(member);
    if (isUnionType(type)) for (const member of type.getTypes()) walk(member);
  };
  for (const name of CATALOGUE_ROOT_FIELDS) {
    const field = query?.getFields()[name];
    if (field) walk(getNamedType(field.type));
  }
  return seen;
}

/**
 * Whether an operation reads only catalogue data: a query (not a mutation or subscription) whose every root field
 * is a catalogue field and whose every other field sits on a catalogue type. Introspection is not catalogue.
 * Memoised per parsed document (yoga caches those, so each distinct query is walked once).
 */
export function catalogueOnlyCheck(schema: GraphQLSchema) {
  const allowed = catalogueTypes(schema);
  const queryType = schema.getQueryType();
  const known = new WeakMap<DocumentNode, boolean>();
  const check = (document: DocumentNode, operationName: string | null | undefined): boolean => {
    const operation = getOperationAST(document, operationName);
    if (operation?.operation !== 'query') return false;
    let ok = true;
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Field(node) {
          const parent = typeInfo.getParentType();
          const name = node.name.value;
          if (name === '__typename') return;
          const fine =
            parent === queryType ? CATALOGUE_ROOT_FIELDS.has(name) : !!parent && allowed.has(parent.name);
          if (!fine) ok = false;
        },
        Directive(node) {
          // @defer and @stream answer in parts; only whole, single answers are kept.
          if (node.name.value !== 'include' && node.name.value !== 'skip') ok = false;
        },
      }),
    );
    return ok;
  };
  return (document: DocumentNode, operationName: string | null | undefined): boolean => {
    // Keyed on the document alone: with several operations in one document the name picks one, so ask again.
    if (operationName) return check(document, operationName);
    let verdict = known.get(document);
    if (verdict === undefined) {
      verdict = check(document, operationName);
      known.set(document, verdict);
    }
    return verdict;
  };
}
