import { GraphQLError } from 'graphql';
import type { Caller } from '../context.js';
import { hashApiKey } from '../store/api-key-material.js';
import { StoreUnavailableError } from '../store/errors.js';
import { SCOPES, type Scope } from '../store/scopes.js';
import type { Store } from '../store/types.js';

export const SANDBOX_TENANT = 'sandbox';

export interface AuthenticatorOptions {
  store: Store;
  /** Embedded mode: a request without a key acts as the `sandbox` tenant with every scope. */
  anonymousIsSandbox: boolean;
  /** How long a key's lookup is reused; revocation takes effect within it. @default 5_000 */
  cacheMs?: number;
}

function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** The key store cannot be read: the caller may retry; nothing was done. */
function keysUnavailable(): GraphQLError {
  return new GraphQLError('The gateway cannot check API keys right now; nothing was done. Retry later.', {
    extensions: { code: 'STORE_UNAVAILABLE', http: { status: 503 } },
  });
}

/**
 * Resolves `Authorization: Bearer <key>` (or a websocket's `connectionParams.authorization`) to the key's tenant
 * and scopes. A wrong or revoked key is refused outright; no key is anonymous (or the sandbox tenant when embedded).
 */
export function createAuthenticator({ store, anonymousIsSandbox, cacheMs = 5_000 }: AuthenticatorOptions) {
  const cache = new Map<string, { caller: Caller | null; until: number }>();
  const sandbox: Caller = { tenantId: SANDBOX_TENANT, keyId: null, scopes: new Set<Scope>(SCOPES) };
  const anonymous: Caller = { tenantId: null, keyId: null, scopes: new Set() };

  return async function authenticate(authorization: string | null | undefined): Promise<Caller> {
    if (!authorization) return anonymousIsSandbox ? sandbox : anonymous;
    const match = /^Bearer\s+([A-Za-z0-9_-]{10,200})$/.exec(authorization.trim());
    if (!match) throw unauthenticated('Authorization must be "Bearer <API key>"');
    const hash = hashApiKey(match[1]!);
    const hit = cache.get(hash);
    let caller = hit && hit.until > Date.now() ? hit.caller : undefined;
    if (caller === undefined) {
      const record = await store.findApiKeyByHash(hash).catch((error: unknown) => {
        throw error instanceof StoreUnavailableError ? keysUnavailable() : error;
      });
      caller =
        record && !record.revokedAt
          ? {
              tenantId: record.tenantId,
              keyId: record.id,
              scopes: new Set(
                record.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
              ),
            }
          : null;
      if (cache.size > 10_000) cache.clear();
      cache.set(hash, { caller, until: Date.now() + cacheMs });
    }
    if (!caller) throw unauthenticated('The API key is not valid (unknown or revoked)');
    return caller;
  };
}

export type Authenticator = ReturnType<typeof createAuthenticator>;

/** Turns an `Authorization` header into the caller (throws UNAUTHENTICATED for a bad key). */
export type Authenticate = ReturnType<typeof createAuthenticator>;
