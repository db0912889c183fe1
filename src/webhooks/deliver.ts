import { encodeGlobalID } from '@pothos/plugin-relay';
import { Agent, request } from 'undici';
import type { TransactionEvent } from '../store/types.js';
import { signedHeaders } from './signing.js';
import { type EndpointPolicy, guardedLookup } from './url-guard.js';

/** The webhook id of an event: stable per (tenant, seq), so every retry and replay carries the same one. */
export function webhookEventId(event: Pick<TransactionEvent, 'tenantId' | 'seq'>): string {
  return `evt_${event.tenantId}_${event.seq}`;
}

/**
 * What a receiver gets: a thin event (no phone number, PIN, account number or amount); the receiver reads the rest
 * through the API with the transaction's global id, as Standard Webhooks' "thin payload" advises.
 */
export function webhookBody(event: TransactionEvent): string {
  return JSON.stringify({
    id: webhookEventId(event),
    type: 'transaction.status_changed',
    tenant: event.tenantId,
    seq: Number(event.seq),
    transactionId: encodeGlobalID(event.api === 'GS' ? 'BillPayment' : 'Transaction', event.transactionId),
    status: event.status,
    statusClass: event.statusClass,
    occurredAt: event.at,
  });
}

export type DeliveryResult = { statusCode: number } | { error: string };

export interface Deliverer {
  /** POSTs `event` to `url`, signed with each of `secrets`. */
  deliver(url: string, secrets: readonly string[], event: TransactionEvent): Promise<DeliveryResult>;
  close(): Promise<void>;
}

/**
 * POSTs signed events through one undici Agent whose DNS lookup refuses blocked addresses (checked on the address
 * dialled, so DNS rebinding does not get past the URL check). The whole exchange is bounded by `timeoutMs`:
 * undici's body timeout is idle time, so an overall signal is what stops a receiver dripping its answer.
 */
export function createDeliverer({
  policy,
  timeoutMs,
}: {
  policy: EndpointPolicy;
  timeoutMs: number;
}): Deliverer {
  const agent = new Agent({
    connect: { lookup: guardedLookup(policy), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 4_000,
  });
  return {
    async deliver(url, secrets, event) {
      const body = webhookBody(event);
      try {
        const response = await request(url, {
          method: 'POST',
          dispatcher: agent,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'dtone-gateway-webhooks',
            ...signedHeaders(secrets, webhookEventId(event), body),
          },
          body,
          // Redirects are not followed (undici's default): a receiver cannot bounce a delivery elsewhere.
          signal: AbortSignal.timeout(timeoutMs),
        });
        // The answer's body is not ours to keep; read it off so the connection can be reused.
        await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
        return { statusCode: response.statusCode };
      } catch (error) {
        return { error: describe(error) };
      }
    },
    close: () => agent.close(),
  };
}

/** A failure as a short, stable text for the attempt listing (a code, never the receiver's body). */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
    if (typeof code === 'string') return code;
    if (error.name === 'EndpointUrlError') return 'blocked address';
    const cause = (error as { cause?: unknown }).cause;
    if (cause !== undefined) return describe(cause);
    return error.name;
  }
  return 'unknown error';
}
