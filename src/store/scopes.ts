/**
 * What an API key may do. `admin` covers balances, reconciliation and other operator-only fields;
 * `operations:arbitrary` lets a key send operation text where only persisted operations run (`ARBITRARY_OPERATIONS=deny`);
 * `transactions:batch` lets it send several money mutations in one operation; `accounts:admin` lets it set and clear
 * any tenant's DT One key pairs (which account moves whose money), a power a key can be given without the rest of
 * `admin`.
 */
export const SCOPES = [
  'catalogue:read',
  'transactions:write',
  'transactions:read',
  'admin',
  'pins:read',
  'operations:arbitrary',
  'transactions:batch',
  'webhooks:admin',
  'accounts:admin',
] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export class UnknownScopeError extends Error {
  override readonly name = 'UnknownScopeError';
  constructor(readonly scope: string) {
    super(`Unknown scope ${JSON.stringify(scope)}: use one or more of ${SCOPES.join(', ')}`);
  }
}

/** Parses a comma-separated list (`catalogue:read,admin`), without duplicates; throws on an unknown scope. */
export function parseScopes(list: string): Scope[] {
  const scopes = new Set<Scope>();
  for (const raw of list.split(',')) {
    const scope = raw.trim();
    if (scope === '') continue;
    if (!isScope(scope)) throw new UnknownScopeError(scope);
    scopes.add(scope);
  }
  return [...scopes];
}
