/**
 * The gateway's own records: what it asked DT One to do, for which tenant, and what it knows of the outcome.
 * Two backends implement this one interface (SQLite alone, PostgreSQL when scaled out) and one contract test suite
 * runs against both. Amounts are exact decimal TEXT with their unit, never numbers. Timestamps come from the
 * database clock (ISO 8601 strings), so several processes agree on them.
 */

import type { TenantAccountStore } from './account-types.js';
import type { Spend, SpendCapRecord, SpendRefusal } from './spend-types.js';
import type { WebhookStore } from './webhook-types.js';

export type { Spend, SpendCapRecord, SpendRefusal } from './spend-types.js';

export type UpstreamApi = 'DVS' | 'GS';

/**
 * Where a money-moving request stands on our side:
 * INTENT — recorded, not yet sent (a crash here means nothing was sent, or the send is unknown: recover by lookup);
 * SENT — sent, an answer was recorded; OUTCOME_UNKNOWN — sent, no trustworthy answer (timeout, reset): the
 * reconciler looks it up by external_id; FAILED — DT One refused it (nothing to reconcile).
 */
export type SendPhase = 'INTENT' | 'SENT' | 'OUTCOME_UNKNOWN' | 'FAILED';

export interface TransactionRecord {
  /** Our id (opaque, URL-safe). */
  id: string;
  tenantId: string;
  api: UpstreamApi;
  /** The client's idempotency key, unique per tenant and API. */
  idempotencyKey: string;
  /** SHA-256 of the canonical mutation input: the same key with another input is a conflict. */
  fingerprint: string;
  /** DT One's `external_id`, derived from (tenant, idempotency key) and stored before the first send. */
  externalId: string;
  /** DT One's transaction id once known. */
  upstreamId: string | null;
  productId: number;
  /** The product as it was when the transaction was created (JSON text). */
  productSnapshot: string;
  /** The normalised request (JSON text, amounts as decimal strings); never holds credentials. */
  request: string;
  /** DT One's latest transaction object as received (JSON text, amounts as decimal strings), or null. */
  upstream: string | null;
  phase: SendPhase;
  /** DT One's status (e.g. `DECLINED-INVALID-CREDIT-PARTY`), or `PENDING` while unknown. */
  status: string;
  /** DT One's status class (CREATED, CONFIRMED, REJECTED, CANCELLED, SUBMITTED, COMPLETED, REVERSED, DECLINED) or PENDING. */
  statusClass: string;
  /** Stable error code when the create failed upstream (e.g. `INSUFFICIENT_BALANCE`), else null. */
  errorCode: string | null;
  /** SHA-256 (hex) of the unguessable token in this transaction's callback URL. */
  callbackTokenHash: string;
  /** Set once the reconciler gave up polling; a person must look. */
  needsReview: boolean;
  /** When the reconciler should poll next (ISO), null when final. */
  nextPollAt: string | null;
  pollAttempts: number;
  createdAt: string;
  /** When the status or content last changed; poll bookkeeping (leases, attempts) leaves it alone. */
  updatedAt: string;
}

export interface NewTransaction {
  id: string;
  tenantId: string;
  api: UpstreamApi;
  idempotencyKey: string;
  fingerprint: string;
  externalId: string;
  productId: number;
  productSnapshot: string;
  request: string;
  callbackTokenHash: string;
  /**
   * When the reconciler should first look at this intent, in ms after the database's now (sets `nextPollAt`).
   * Default `DEFAULT_FIRST_POLL_AFTER_MS` (2 min): past any create's own deadline, so the reconciler never races an
   * in-flight send, yet a crash between intent and send is found.
   */
  pollAfterMs?: number;
}

export interface StatusChange {
  status: string;
  statusClass: string;
  /** What told us: the create/confirm/cancel answer, a callback, a poll, or recovery. */
  source: 'create' | 'confirm' | 'cancel' | 'callback' | 'poll' | 'recovery';
  /** DT One's transaction object behind the change (JSON text). */
  upstream?: string | null;
  upstreamId?: string | null;
  phase?: SendPhase;
  errorCode?: string | null;
  /**
   * Reschedules the reconciler: ms after the database's now (its backoff starts again from the first step), or null
   * when final. Unchanged when omitted.
   */
  pollAfterMs?: number | null;
  needsReview?: boolean;
}

/** The reconciler's bookkeeping after it polled a transaction, whether or not the status changed. */
export interface PollOutcome {
  /** ms after the database's now until the next poll, or null to stop polling (final). */
  pollAfterMs: number | null;
  needsReview?: boolean;
}

export interface StatusHistoryEntry {
  transactionId: string;
  seq: number;
  status: string;
  statusClass: string;
  source: StatusChange['source'];
  at: string;
}

/**
 * One entry of a tenant's event log: a status recorded for one of its transactions or bill payments (its creation as
 * PENDING, then each change its history records), written in the same write transaction as the change.
 */
export interface TransactionEvent {
  /** The tenant's own sequence: from 1, no gaps, in the order the changes committed. */
  seq: bigint;
  tenantId: string;
  transactionId: string;
  /** DVS for a top-up (or bundle, PIN…), GS for a bill payment. */
  api: UpstreamApi;
  status: string;
  statusClass: string;
  source: StatusChange['source'];
  /** The database clock as the event was written; never earlier than the event before it. */
  at: string;
}

export interface TransactionFilter {
  tenantId: string;
  api?: UpstreamApi;
  statusClass?: string;
  productId?: number;
  /** Strictly after this instant (ISO 8601 with `Z` or an offset). */
  createdAfter?: string;
  /** Strictly before this instant (ISO 8601 with `Z` or an offset). */
  createdBefore?: string;
}

export interface ApiKeyRecord {
  id: string;
  tenantId: string;
  name: string;
  /** First characters of the key, shown in listings so a person can tell keys apart. */
  prefix: string;
  /** SHA-256 (hex) of the whole key; the key itself is never stored. */
  hash: string;
  scopes: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** A PIN shown to a client: who (tenant and API key), when (database clock), which transaction. */
export interface PinReadRecord {
  id: string;
  transactionId: string;
  tenantId: string;
  /** Null when the caller had no key (embedded mode's sandbox tenant). */
  apiKeyId: string | null;
  readAt: string;
}

export interface Store extends TenantAccountStore {
  /** Runs pending migrations. Idempotent; safe with several processes starting at once. */
  migrate(): Promise<void>;
  /**
   * Inserts a transaction intent, or returns the existing one for the same (tenant, api, idempotency key) —
   * atomically, through the unique constraint, never select-then-insert. `created` says which happened.
   */
  insertIntent(input: NewTransaction): Promise<{ record: TransactionRecord; created: boolean }>;
  /**
   * `insertIntent`, checked against the tenant's daily cap in `spend.unit` first, in one write transaction that
   * serializes every check of that tenant and currency (PostgreSQL advisory lock, SQLite `BEGIN IMMEDIATE`), so
   * concurrent creates on any number of instances never overshoot. A replay of a key already recorded is answered
   * as it is, without a check. Today is the database clock's UTC day; what counts is every transaction of that day in
   * that currency that did not fail and was not rejected, cancelled, declined or reversed.
   */
  insertIntentWithinCap(
    input: NewTransaction,
    spend: Spend,
  ): Promise<{ record: TransactionRecord; created: boolean } | { refused: SpendRefusal }>;
  /**
   * Makes a FAILED intent an intent again so its sender may send it (a client's retry of a retryable failure), as a
   * fresh one: a poll `pollAfterMs` ahead, and, when it spends, checked against its tenant's cap for today under the
   * same lock as `insertIntentWithinCap`. `changed: false` when it is no longer FAILED (another retry took it).
   */
  reclaimFailedIntent(
    id: string,
    pollAfterMs: number,
  ): Promise<{ record: TransactionRecord; changed: boolean } | { refused: SpendRefusal } | undefined>;
  /** Sets (or replaces) a tenant's daily cap in one currency. */
  setSpendCap(input: {
    tenantId: string;
    unit: string;
    daily: string;
    dailyMicros: bigint;
  }): Promise<SpendCapRecord>;
  listSpendCaps(tenantId?: string): Promise<SpendCapRecord[]>;
  /** True when a cap was removed. */
  clearSpendCap(tenantId: string, unit: string): Promise<boolean>;
  /** What the tenant spent today in `unit`, in millionths (the sum the cap is checked against). */
  spentToday(tenantId: string, unit: string): Promise<bigint>;
  /**
   * Transactions the reconciler still watches (any tenant): how many in all, and how many were created more than
   * each of `agesMs` before `now` (the database clock's ISO instant).
   */
  countUnsettledByAge(
    now: string,
    agesMs: readonly number[],
  ): Promise<{ total: number; olderThan: number[] }>;
  getTransaction(tenantId: string, id: string): Promise<TransactionRecord | undefined>;
  /** Any tenant's transaction (callbacks and the reconciler only). */
  getTransactionById(id: string): Promise<TransactionRecord | undefined>;
  getByIdempotencyKey(
    tenantId: string,
    api: UpstreamApi,
    key: string,
  ): Promise<TransactionRecord | undefined>;
  /** Newest first (`createdAt`, then `id`, descending); `total` counts every match, ignoring the page. */
  listTransactions(
    filter: TransactionFilter,
    page: { offset: number; limit: number },
  ): Promise<{ items: TransactionRecord[]; total: number }>;
  /**
   * Applies a status change when `allowed(currentStatusClass, currentStatus)` says so, in one transaction with
   * a row lock (PostgreSQL `FOR UPDATE`, SQLite `BEGIN IMMEDIATE`), appending to the history. Returns the record
   * after the change and whether it changed. On PostgreSQL a serialization failure or deadlock re-runs the whole
   * transaction, so `allowed` may be called more than once.
   */
  applyStatus(
    id: string,
    change: StatusChange,
    allowed: (current: { status: string; statusClass: string; phase: SendPhase }) => boolean,
  ): Promise<{ record: TransactionRecord; changed: boolean } | undefined>;
  /** Oldest first (`seq` from 1). */
  history(transactionId: string): Promise<StatusHistoryEntry[]>;
  /**
   * The tenant's events after `after` (a sequence number; from the first when absent), oldest first, at most `limit`
   * (1 to 1000). Reading on from the last `seq` seen never skips an event: a number is visible only once every smaller
   * one of the same tenant is.
   */
  listEvents(
    tenantId: string,
    page: { after?: bigint | string | undefined; limit: number },
  ): Promise<TransactionEvent[]>;
  /**
   * Leases up to `limit` transactions whose `nextPollAt` has passed (database clock), oldest due first, by moving
   * their `nextPollAt` `leaseMs` ahead in the same transaction (PostgreSQL `FOR UPDATE SKIP LOCKED`), so several
   * instances never claim the same row in one interval. Returns the records after the lease.
   */
  claimDuePolls(limit: number, leaseMs: number): Promise<TransactionRecord[]>;
  /** Counts a poll and schedules the next one; undefined for an unknown id. */
  recordPoll(id: string, outcome: PollOutcome): Promise<TransactionRecord | undefined>;

  createApiKey(input: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt'>): Promise<ApiKeyRecord>;
  /** Revoked keys too (check `revokedAt`). */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | undefined>;
  /** Oldest first, revoked keys included. */
  listApiKeys(tenantId?: string): Promise<ApiKeyRecord[]>;
  /** True when this call revoked the key; false when it is unknown or was already revoked. */
  revokeApiKey(id: string): Promise<boolean>;
  /** Keys not revoked. */
  countApiKeys(): Promise<number>;

  /**
   * Transactions whose stored DT One object may hold a PIN value not sealed under `keyId` (in clear, or under an older
   * key), in id order after `afterId`. A coarse filter: the caller parses each and decides.
   */
  listPinsToSeal(keyId: string, afterId: string, limit: number): Promise<{ id: string; upstream: string }[]>;
  /** Replaces the stored DT One object only while it is still `expected`; true when it did. `updatedAt` stays. */
  replaceUpstream(id: string, expected: string, next: string): Promise<boolean>;

  /** Records one PIN read, stamped with the database clock. */
  recordPinRead(input: Omit<PinReadRecord, 'id' | 'readAt'>): Promise<PinReadRecord>;
  /** Newest first (`readAt`, then `id`, descending), every tenant's; `total` counts every match, ignoring the page. */
  listPinReads(
    filter: { transactionId?: string },
    page: { offset: number; limit: number },
  ): Promise<{ items: PinReadRecord[]; total: number }>;

  /** Outbound webhook endpoints and their delivery state. */
  readonly webhooks: WebhookStore;

  /** The database's clock (ISO). */
  now(): Promise<string>;
  close(): Promise<void>;
}
