import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { GatewayContext } from '../context.js';
import type { Decimal } from '../money/decimal.js';
import { SCOPES, type Scope } from '../store/scopes.js';
import { CATALOGUE, scopeRefusal } from './auth.js';

export interface SchemaTypes {
  Context: GatewayContext;
  DefaultFieldNullability: false;
  /** One boolean per API-key scope; `admin` holds every other scope too. */
  AuthScopes: Record<Scope, boolean>;
  Scalars: {
    Decimal: { Input: Decimal; Output: Decimal | string };
    DateTime: { Input: string; Output: string };
    CountryCode: { Input: string; Output: string };
    CurrencyCode: { Input: string; Output: string };
    PhoneNumber: { Input: string; Output: string };
    ID: { Input: string; Output: string | number };
  };
}

export const builder = new SchemaBuilder<SchemaTypes>({
  // Relay before scope-auth: authScopes see parsed global ids. Scope-auth before errors and dataloader, so a
  // refusal is checked before anything loads or a refusal becomes a typed result.
  plugins: [RelayPlugin, ScopeAuthPlugin, ErrorsPlugin, DataloaderPlugin],
  scopeAuth: {
    // Type scopes run once per object (isTypeOf), not once per field: a refused object is one FORBIDDEN at the
    // field that returned it, and an allowed one costs one cached look-up, whatever its number of fields.
    runScopesOnType: true,
    authorizeOnSubscribe: true,
    authScopes: (ctx) => {
      const has = (scope: Scope) => ctx.caller.scopes.has(scope) || ctx.caller.scopes.has('admin');
      return Object.fromEntries(SCOPES.map((scope) => [scope, has(scope)])) as Record<Scope, boolean>;
    },
    unauthorizedError: (_parent, ctx, _info, result) => scopeRefusal(ctx, result.failure),
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: false,
    // `node(id:)` needs no scope of its own: the type it answers with checks its scopes.
    nodeQueryOptions: { skipTypeScopes: true },
  },
  errors: { defaultTypes: [] },
  defaultFieldNullability: false,
});

/** Reading the catalogue and look-ups needs `catalogue:read`: every query field unless it says otherwise. */
builder.queryType({
  description: "DT One's catalogue, look-ups and account, as one graph.",
  authScopes: CATALOGUE,
});
