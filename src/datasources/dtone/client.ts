import type { UpstreamBudget } from '../http/budget.js';
import { readErrorBody } from '../http/error-body.js';
import { RETRYABLE_STATUSES } from '../http/retry-policy.js';
import { createTransport, type TransportOptions } from '../http/transport.js';
import type { AttemptEvent } from '../http/types.js';
import { type BalanceMethods, balanceMethods } from './balances.js';
import { createDvsCaller } from './call.js';
import { type CatalogueMethods, catalogueMethods } from './catalogue.js';
import { type LookupMethods, lookupMethods } from './lookups.js';
import { type TransactionMethods, transactionMethods } from './transactions.js';

export interface DtOneClientOptions {
  /** e.g. `https://dvs-api.dtone.com/v1` or `https://preprod-dvs-api.dtone.com/v1`. */
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  /** Overall budget of one call, retries included. @default 30000 */
  timeoutMs?: number;
  /** Sockets to DT One. @default 16 */
  connections?: number;
  /** Retries of reads and look-ups; money-moving calls are never retried. @default 3 */
  retries?: number;
  /** @default 'dtone-gateway' */
  userAgent?: string;
  /** @default 10 MiB */
  maxBodyBytes?: number;
  backoff?: TransportOptions['backoff'];
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Called after every attempt, for metrics and logs. */
  onAttempt?: (event: AttemptEvent) => void;
  /** The account's rate-limit budget, shared by every instance when it lives in Redis. */
  budget?: UpstreamBudget;
}

export interface DtOneClient extends CatalogueMethods, TransactionMethods, LookupMethods, BalanceMethods {
  /** Closes the connection pool once calls in flight finish. */
  close(): Promise<void>;
}

/** DT One answers "unavailable, retry later" (1009503) and "too many requests" (1000429) even off their status. */
const RETRYABLE_CODES = new Set([1009503, 1000429]);

/** A typed client for every operation of DT One's DVS API v1. */
export function createDtOneClient(options: DtOneClientOptions): DtOneClient {
  const authorization = `Basic ${Buffer.from(`${options.apiKey}:${options.apiSecret}`).toString('base64')}`;
  const transport = createTransport({
    name: 'dvs',
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? 'dtone-gateway',
    attemptHeaders: () => ({ authorization }),
    isRetryableResponse: (status, bodyText) =>
      RETRYABLE_STATUSES.has(status) ||
      (status >= 400 && RETRYABLE_CODES.has(readErrorBody(bodyText).code ?? 0)),
    timeoutMs: options.timeoutMs,
    connections: options.connections,
    retries: options.retries,
    maxBodyBytes: options.maxBodyBytes,
    backoff: options.backoff,
    headersTimeoutMs: options.headersTimeoutMs,
    bodyTimeoutMs: options.bodyTimeoutMs,
    onAttempt: options.onAttempt,
    budget: options.budget,
  });
  const call = createDvsCaller(transport);
  return {
    ...catalogueMethods(call),
    ...transactionMethods(call),
    ...lookupMethods(call),
    ...balanceMethods(call),
    close: () => transport.close(),
  };
}
