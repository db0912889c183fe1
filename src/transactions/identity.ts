import { createHash, createHmac, randomUUID } from 'node:crypto';

/**
 * DT One's `external_id` for a (tenant, idempotency key): deterministic, so a retry after any crash or lost answer
 * sends the same one and DT One refuses a duplicate with 1007001; ≤ 40 characters, as the spec allows.
 */
export function deriveExternalId(tenantId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`${tenantId}\n${idempotencyKey}`).digest('base64url');
  return `gw${digest.slice(0, 30)}`;
}

/** A canonical hash of the mutation name and its input: keys sorted, `undefined` and `null` dropped. */
export function fingerprint(mutation: string, input: unknown): string {
  return createHash('sha256')
    .update(`${mutation}\n${canonicalJson(input)}`)
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function newTransactionId(): string {
  return randomUUID();
}

/** The unguessable token of a transaction's callback URL: HMAC of its id under the deployment's secret. */
export function callbackTokenFor(secret: string, transactionId: string): string {
  return createHmac('sha256', secret).update(transactionId).digest('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
