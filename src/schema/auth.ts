import { type AuthFailure, AuthScopeFailureType } from '@pothos/plugin-scope-auth';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import type { Scope } from '../store/scopes.js';

/**
 * Which scope each part of the graph needs, as `authScopes` maps (type-level on objects, field-level on root
 * fields and on `Transaction.pin`). `admin` holds every scope. The table in
 * `test/integration/field-auth-sweep.test.ts` states the same per type and field, and checks it over HTTP.
 */
export const CATALOGUE = { 'catalogue:read': true } as const;
export const TRANSACTIONS_READ = { 'transactions:read': true } as const;
export const TRANSACTIONS_WRITE = { 'transactions:write': true } as const;
export const PINS = { 'pins:read': true } as const;
export const ADMIN = { admin: true } as const;
/** Granted by a money mutation to the record it returns: its writer sees it without `transactions:read`. */
export const OWN_RESULT = 'ownResult';
/** A transaction or bill payment: readable with `transactions:read`, or as the result of the caller's mutation. */
export const OWN_RECORD = { $any: { 'transactions:read': true, $granted: OWN_RESULT } } as const;

function unauthenticated(): GraphQLError {
  return new GraphQLError('An API key is required (Authorization: Bearer <key>)', {
    extensions: { code: 'UNAUTHENTICATED' },
  });
}

function missingScopes(failure: AuthFailure): string[] {
  switch (failure.kind) {
    case AuthScopeFailureType.AuthScope:
      return [failure.scope];
    case AuthScopeFailureType.AnyAuthScopes:
    case AuthScopeFailureType.AllAuthScopes:
      return failure.failures.flatMap(missingScopes);
    default:
      return [];
  }
}

/** The error of a refused field: UNAUTHENTICATED without a key, otherwise FORBIDDEN naming the scope missing. */
export function scopeRefusal(ctx: GatewayContext, failure: AuthFailure): GraphQLError {
  if (!ctx.caller.tenantId) return unauthenticated();
  const scopes = [...new Set(missingScopes(failure))];
  const what = scopes.length > 0 ? `the ${scopes.join(' or ')} scope` : 'the scope this field needs';
  return new GraphQLError(`This API key lacks ${what}`, { extensions: { code: 'FORBIDDEN' } });
}

/** The caller's tenant; scopes are checked before a resolver runs, so only a keyless call can miss one. */
export function tenantOf(ctx: GatewayContext): string {
  if (!ctx.caller.tenantId) throw unauthenticated();
  return ctx.caller.tenantId;
}

export type { Scope };
