/**
 * The peer's supergraph, composed (serve.mjs caches it in generated/) from OUR copy of the DVS spec (spec/dvs-api-spec.json), as a user of
 * GraphQL Mesh would: @omnigraph/openapi over the spec, plus the links a user adds by hand (additionalTypeDefs with
 * @resolveTo) so that country → operators → products (with their inline promotions) is one GraphQL request.
 * URL and credentials stay `{env.NAME}` placeholders (resolved by the runtime per request), so the composed SDL holds
 * nothing secret or machine-specific. `node compose.mjs [out.graphql]` prints (or writes) it for inspection.
 *
 * Two patches to the peer's copy of the spec, without which it does not work (PERFORMANCE.md §7):
 * 1. delete `components.schemas.NonEmptyString`: the unreferenced capitalised alias collides with `non_empty_string`
 *    ("multiple types named NonEmptyString") and composition fails;
 * 2. drop the non-2xx responses of GET /products and GET /products/{product_id}: otherwise the product oneOf and
 *    the `default` error response merge and every product silently resolves as the `Errors` type.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getComposedSchemaFromConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

const here = dirname(fileURLToPath(import.meta.url));
const SPEC = join(here, '../../spec/dvs-api-spec.json');
export const PATCHED_SPEC = join(here, 'generated/dvs-api-spec.patched.json');

/** The patched copy of the spec (a pure function of the spec; the patches are listed above). */
export function patchSpec(spec) {
  const copy = structuredClone(spec);
  if (!copy.components.schemas.NonEmptyString)
    throw new Error('spec drift: no components.schemas.NonEmptyString');
  delete copy.components.schemas.NonEmptyString;
  for (const path of ['/products', '/products/{product_id}']) {
    const responses = copy.paths[path]?.get?.responses;
    if (!responses) throw new Error(`spec drift: no GET ${path}`);
    for (const code of Object.keys(responses)) if (!code.startsWith('2')) delete responses[code];
  }
  return copy;
}

const PER_PAGE = '100'; // numeric sourceArgs must be written as strings

/** The links a user adds: every name on the right is one the OpenAPI loader generated. */
export const LINKS = /* GraphQL */ `
  extend type Country {
    operators: [getOperators_response]
      @resolveTo(
        sourceName: "DVS"
        sourceTypeName: "Query"
        sourceFieldName: "getOperators"
        requiredSelectionSet: "{ iso_code }"
        sourceArgs: { country_iso_code: "{root.iso_code}", per_page: "${PER_PAGE}" }
      )
  }
  extend type query_getOperators_oneOf_0_items {
    products: [Product]
      @resolveTo(
        sourceName: "DVS"
        sourceTypeName: "Query"
        sourceFieldName: "getProducts"
        requiredSelectionSet: "{ id }"
        sourceArgs: { operator_id: "{root.id}", per_page: "${PER_PAGE}" }
      )
  }
`;

const quietLogger = {
  log() {},
  debug() {},
  info() {},
  warn: (...args) => console.error(...args),
  error: (...args) => console.error(...args),
  child: () => quietLogger,
};

export async function composePeerSupergraph() {
  mkdirSync(dirname(PATCHED_SPEC), { recursive: true });
  writeFileSync(PATCHED_SPEC, JSON.stringify(patchSpec(JSON.parse(readFileSync(SPEC, 'utf8'))), null, 2));
  return getComposedSchemaFromConfig(
    {
      cwd: here,
      subgraphs: [
        {
          sourceHandler: loadOpenAPISubgraph('DVS', {
            source: PATCHED_SPEC,
            endpoint: '{env.DTONE_BASE_URL}',
            operationHeaders: { Authorization: 'Basic {env.PEER_DTONE_BASIC_AUTH}' },
          }),
        },
      ],
      additionalTypeDefs: LINKS,
    },
    quietLogger,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sdl = await composePeerSupergraph();
  if (process.argv[2]) writeFileSync(process.argv[2], sdl);
  else process.stdout.write(sdl);
}
