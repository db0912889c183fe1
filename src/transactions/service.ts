import { setTimeout as sleep } from 'node:timers/promises';
import {
  DtOneConflictError,
  DtOneOutcomeUnknownError,
  DtOneStateError,
} from '../datasources/dtone/errors.js';
import type { Product, Transaction } from '../datasources/dtone/types.js';
import type { KeyRing } from '../secrets/data-keys.js';
import { DEFAULT_FIRST_POLL_AFTER_MS } from '../store/transaction-queries.js';
import type { Store, TransactionFilter, TransactionRecord } from '../store/types.js';
import type { DvsAccount, UpstreamAccounts } from './accounts.js';
import { confirmReason } from './confirm-reason.js';
import type { CrashPoint } from './crash-points.js';
import { buildCreateBody, type CreateTransactionInput } from './dvs-request.js';
import { InvalidStateError, ProductUnavailableError, TransactionNotFoundError } from './errors.js';
import { deriveExternalId, fingerprint, hashToken, newTransactionId } from './identity.js';
import { createIntentLifecycle, validateIdempotencyKey } from './intent-lifecycle.js';
import { spendLimitExceeded, spendOf } from './spend.js';
import { isFinal, isForward } from './state.js';
import { type PinReader, readPin, toStoredUpstream } from './upstream-at-rest.js';
import { refusalCode, refusalError } from './upstream-refusals.js';

export interface TransactionServiceOptions {
  store: Store;
  /** The DT One account each tenant's transactions go to (its own, else the deployment's). */
  accounts: UpstreamAccounts<DvsAccount>;
  /** Seals PINs before they are stored and opens them for an authorised reader. */
  keys: KeyRing;
  /** The URL DT One calls back for a transaction (carries its unguessable token). */
  callbackUrl: (id: string, token: string) => string;
  /**
   * The unguessable token of a transaction's callback URL, derived from a deployment secret and the id, so that a
   * retried create carries the same URL as the first attempt.
   */
  callbackToken: (id: string) => string;
  /** Longest wait of a SYNC create for a final status, far under DT One's 180 s. @default 20_000 */
  syncWaitMs?: number;
  /** How long a concurrent duplicate waits for the first request's answer before answering PENDING. @default 10_000 */
  duplicateWaitMs?: number;
  /** When the reconciler first looks at a new intent: past any create's deadline, so it never races a send. */
  firstPollAfterMs?: number;
  /** Called after every recorded status change (subscriptions publish from here). */
  onChange?: (record: TransactionRecord) => void;
  /** Test hook for crash-point tests: called at named points of a create or confirm (the process may die there). */
  crashPoint?: (name: CrashPoint) => void;
}

/**
 * The money-moving core, shared by mutations, callbacks and the reconciler. Every create is persisted (with its
 * derived external_id) before the first send; an unknown outcome is looked up by external_id, never re-sent
 * blindly; a replay with the same key returns the original transaction (or its original refusal).
 */
export function createTransactionService(options: TransactionServiceOptions) {
  const { store, accounts } = options;
  const dtoneOf = async (record: TransactionRecord) => (await accounts.forRecord(record)).client;
  const syncWaitMs = options.syncWaitMs ?? 20_000;
  const duplicateWaitMs = options.duplicateWaitMs ?? 10_000;
  const firstPollAfterMs = options.firstPollAfterMs ?? DEFAULT_FIRST_POLL_AFTER_MS;

  /** Records what DT One says of the transaction, forward moves only. */
  async function applyUpstream(
    record: TransactionRecord,
    tx: Transaction,
    source: 'create' | 'confirm' | 'cancel' | 'callback' | 'poll' | 'recovery',
  ): Promise<TransactionRecord> {
    const statusClass = tx.status?.class?.message ?? 'PENDING';
    const status = tx.status?.message ?? statusClass;
    const result = await store.applyStatus(
      record.id,
      {
        status,
        statusClass,
        source,
        upstream: toStoredUpstream(record.id, tx, options.keys),
        upstreamId: String(tx.id),
        phase: 'SENT',
        ...(isFinal(statusClass) && { pollAfterMs: null }),
        // A confirm starts the work at DT One: its outcome is due soon, so polling starts over from its first step
        // (a transaction polled while it waited for the confirm may be far along its backoff).
        ...(source === 'confirm' && !isFinal(statusClass) && { pollAfterMs: firstPollAfterMs }),
      },
      (current) => current.phase !== 'SENT' || isForward(current.statusClass, statusClass),
    );
    if (result?.changed) options.onChange?.(result.record);
    return result?.record ?? record;
  }

  const { markPhase, replay } = createIntentLifecycle({
    store,
    duplicateWaitMs,
    firstPollAfterMs,
    recover: (record) => recover(record),
    failureError: (code, record) => refusalError(code, { productId: record.productId, upstream: 'DT One' }),
  });

  /**
   * Sends the create for a freshly recorded intent and records what became of it. A first attempt passes the product,
   * callback token and account it has at hand; a retry takes them from the record and the tenant's account now.
   */
  async function send(
    record: TransactionRecord,
    input: CreateTransactionInput,
    product: Product = JSON.parse(record.productSnapshot),
    token = options.callbackToken(record.id),
    account?: DvsAccount,
  ): Promise<TransactionRecord> {
    const body = buildCreateBody(product, input, record.externalId, options.callbackUrl(record.id, token));
    try {
      const upstream = account ?? (await accounts.forTenant(record.tenantId));
      await accounts.sentWith(record, upstream, account === undefined);
      options.crashPoint?.('after-intent');
      const tx = await upstream.client.createTransaction(body, { mode: 'async' });
      options.crashPoint?.('after-send');
      return await applyUpstream(record, tx, 'create');
    } catch (error) {
      if (error instanceof DtOneOutcomeUnknownError || error instanceof DtOneConflictError) {
        // 1007001: our external_id is taken, so the first attempt landed. Either way, ask DT One, never resend.
        return recover(record);
      }
      const code = refusalCode(error);
      const failed = await markPhase(record, 'FAILED', code);
      throw refusalError(code, { error, productId: failed.productId, upstream: 'DT One' });
    }
  }

  /** Looks a transaction whose create answer was lost up by external_id. */
  async function recover(record: TransactionRecord): Promise<TransactionRecord> {
    try {
      const found = await (await dtoneOf(record)).findTransactionByExternalId(record.externalId);
      if (found) return await applyUpstream(record, found, 'recovery');
    } catch {
      // Still unknown: the reconciler asks again later.
    }
    return markPhase(record, 'OUTCOME_UNKNOWN', null);
  }

  async function waitForFinal(record: TransactionRecord): Promise<TransactionRecord> {
    const deadline = Date.now() + syncWaitMs;
    let current = record;
    for (
      let delay = 100;
      !isFinal(current.statusClass) && current.upstreamId && Date.now() < deadline;
      delay = Math.min(delay * 2, 2_000)
    ) {
      await sleep(Math.min(delay, Math.max(0, deadline - Date.now())));
      current = await refresh(current).catch(() => current);
    }
    return current;
  }

  /** Re-reads a transaction from DT One and records any forward move (callbacks and the reconciler use it too). */
  async function refresh(
    record: TransactionRecord,
    source: 'poll' | 'callback' = 'poll',
  ): Promise<TransactionRecord> {
    if (!record.upstreamId) return recover(record);
    const tx = await (await dtoneOf(record)).getTransaction(record.upstreamId);
    return applyUpstream(record, tx, source);
  }

  async function owned(tenantId: string, id: string): Promise<TransactionRecord> {
    const record = await store.getTransaction(tenantId, id);
    if (record?.api !== 'DVS') throw new TransactionNotFoundError(id);
    return record;
  }

  /**
   * Settles a transaction the gateway is unsure of (the reconciler's step): a known DT One id is re-read; an intent or
   * unknown outcome is looked up by external_id. An intent DT One never received is marked NOT_SENT, so that the
   * client's retry with the same key sends it (the intent is older than any create's deadline by then).
   */
  async function settle(record: TransactionRecord): Promise<TransactionRecord> {
    if (record.upstreamId) return refresh(record);
    const found = await (await dtoneOf(record)).findTransactionByExternalId(record.externalId);
    if (found) return applyUpstream(record, found, 'recovery');
    // DT One has nothing under our external_id: a retry may send it. Safe for an unknown outcome too, since DT One
    // refuses a second create with the same external_id (1007001), which sends the retry to recovery instead.
    return markPhase(record, 'FAILED', 'NOT_SENT', ['INTENT', 'OUTCOME_UNKNOWN']);
  }

  return {
    applyUpstream,
    refresh,
    recover,
    settle,

    async create(tenantId: string, input: CreateTransactionInput): Promise<TransactionRecord> {
      validateIdempotencyKey(input.idempotencyKey);
      const { idempotencyKey, ...rest } = input;
      const print = fingerprint('createTransaction', rest);
      const externalId = deriveExternalId(tenantId, idempotencyKey);
      const id = newTransactionId();
      const token = options.callbackToken(id);
      // A new key costs no read first: the intent's unique constraint tells a replay apart (`created: false`). Only
      // when the input cannot be sent as it is (product gone or unreadable, input refused) is the key looked up, so
      // that a replay still answers what the first request got, whatever the product says today.
      let product: Product;
      let account: DvsAccount;
      try {
        account = await accounts.forTenant(tenantId);
        const found = await account.reader.product(input.productId);
        if (!found) throw new ProductUnavailableError(input.productId);
        product = found;
        // Validates against the product before anything is stored: a refused input leaves no record.
        buildCreateBody(product, input, externalId, options.callbackUrl(id, 'validation'));
      } catch (error) {
        const existing = await store.getByIdempotencyKey(tenantId, 'DVS', idempotencyKey);
        if (existing) return replay(existing, print, (reclaimed) => send(reclaimed, input));
        throw error;
      }

      const intent = {
        id,
        tenantId,
        api: 'DVS' as const,
        idempotencyKey,
        fingerprint: print,
        externalId,
        productId: product.id,
        productSnapshot: JSON.stringify(product),
        request: JSON.stringify(rest),
        callbackTokenHash: hashToken(token),
        ...(options.firstPollAfterMs !== undefined && { pollAfterMs: options.firstPollAfterMs }),
      };
      const spend = spendOf(product, input);
      options.crashPoint?.('before-intent');
      const inserted = spend
        ? await store.insertIntentWithinCap(intent, spend)
        : await store.insertIntent(intent);
      if ('refused' in inserted) throw spendLimitExceeded(inserted.refused);
      const { record, created } = inserted;
      if (!created) return replay(record, print, (reclaimed) => send(reclaimed, input));
      const sent = await send(record, input, product, token, account);
      options.crashPoint?.('after-commit');
      return input.mode === 'SYNC' ? waitForFinal(sent) : sent;
    },

    async confirm(tenantId: string, id: string): Promise<TransactionRecord> {
      const record = await owned(tenantId, id);
      if (!record.upstreamId) throw new InvalidStateError('OUTCOME_PENDING', record);
      try {
        const tx = await (await dtoneOf(record)).confirmTransaction(record.upstreamId, { mode: 'async' });
        options.crashPoint?.('confirm-after-send');
        const confirmed = await applyUpstream(record, tx, 'confirm');
        options.crashPoint?.('confirm-after-commit');
        return confirmed;
      } catch (error) {
        if (error instanceof DtOneStateError) {
          const current = await refresh(record).catch(() => record);
          throw new InvalidStateError(confirmReason(error.upstreamCode, current.statusClass), current);
        }
        if (error instanceof DtOneOutcomeUnknownError) return refresh(record).catch(() => record);
        throw refusalError(refusalCode(error), { error, productId: record.productId, upstream: 'DT One' });
      }
    },

    async cancel(tenantId: string, id: string): Promise<TransactionRecord> {
      const record = await owned(tenantId, id);
      if (!record.upstreamId) throw new InvalidStateError('OUTCOME_PENDING', record);
      try {
        const tx = await (await dtoneOf(record)).cancelTransaction(record.upstreamId);
        return await applyUpstream(record, tx, 'cancel');
      } catch (error) {
        if (error instanceof DtOneStateError) {
          const current = await refresh(record).catch(() => record);
          const reason = error.upstreamCode === 1007005 ? 'ALREADY_CANCELLED' : 'NOT_CANCELLABLE';
          throw new InvalidStateError(reason, current);
        }
        if (error instanceof DtOneOutcomeUnknownError) return refresh(record).catch(() => record);
        throw refusalError(refusalCode(error), { error, productId: record.productId, upstream: 'DT One' });
      }
    },

    /** The PIN of the caller's own transaction, recorded in the audit before it is shown (see `readPin`). */
    readPin: (record: TransactionRecord, caller: PinReader) => readPin(store, options.keys, record, caller),

    get: (tenantId: string, id: string) => store.getTransaction(tenantId, id),
    findByIdempotencyKey: (tenantId: string, key: string) => store.getByIdempotencyKey(tenantId, 'DVS', key),
    list: (filter: TransactionFilter, page: { offset: number; limit: number }) =>
      store.listTransactions(filter, page),
    history: (id: string) => store.history(id),
    /** The PIN read audit, every tenant's (operators only). */
    pinReads: (filter: { transactionId?: string }, page: { offset: number; limit: number }) =>
      store.listPinReads(filter, page),
  };
}

export type TransactionService = ReturnType<typeof createTransactionService>;
