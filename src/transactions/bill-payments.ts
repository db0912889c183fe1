import { randomBytes } from 'node:crypto';
import type { GsClient } from '../datasources/gs/client.js';
import { GsConflictError, GsOutcomeUnknownError } from '../datasources/gs/errors.js';
import type { GsPayment, GsQuote } from '../datasources/gs/schemas.js';
import { DomainError } from '../error-registry.js';
import type { WireNumber } from '../money/json.js';
import { Money } from '../money/money.js';
import { DEFAULT_FIRST_POLL_AFTER_MS } from '../store/transaction-queries.js';
import type { Spend, Store, TransactionRecord } from '../store/types.js';
import type { GsAccount, UpstreamAccounts } from './accounts.js';
import { ProductUnavailableError } from './errors.js';
import {
  deriveGsExternalId,
  normalise,
  type PayBillInput,
  payParams,
  requestOf,
  validateAccountNumber,
} from './gs-request.js';
import { fingerprint, hashToken, newTransactionId } from './identity.js';
import { createIntentLifecycle, validateIdempotencyKey } from './intent-lifecycle.js';
import { spendLimitExceeded, toMicros } from './spend.js';
import { storedJson } from './transaction-view.js';
import { refusalCode, refusalError } from './upstream-refusals.js';

/** Raised when the gateway has no Goods & Services credentials (live mode without DTONE_GS_API_KEY). */
export class BillPaymentsUnavailableError extends Error {
  override readonly name = 'BillPaymentsUnavailableError';
  constructor() {
    super('Bill payments are not configured: set DTONE_GS_API_KEY and DTONE_GS_API_SECRET');
  }
}

export interface BillQuote {
  productId: number;
  accountNumber: string;
  accountHolderName: string | null;
  /** What the biller says is due (local currency). */
  amountDue: Money;
  /** The biller's payment fee (local currency). */
  paymentFee: Money | null;
  /** Amount due plus payment fee (local currency). */
  localValue: Money;
  wholesalePrice: Money;
  retailPrice: Money | null;
  /** DT One's fee, in the account currency, charged on top of the wholesale price. */
  fee: Money | null;
}

export interface BillPaymentServiceOptions {
  store: Store;
  /** The G&S account each tenant's payments go to (its own, else the deployment's; none without credentials). */
  accounts: UpstreamAccounts<GsAccount | undefined>;
  /** How long a concurrent duplicate waits for the first request's answer. @default 10_000 */
  duplicateWaitMs?: number;
  /** Told of every recorded change (wakes subscribers), as the top-up service is. */
  onChange?: (record: TransactionRecord) => void;
}

/** The bill as G&S quoted it, in exact amounts. */
export function billQuoteFrom(productId: number, accountNumber: string, quote: GsQuote): BillQuote {
  const local = (amount: WireNumber) => Money.fromWire(amount, quote.local_currency);
  const account = (amount: WireNumber) => Money.fromWire(amount, quote.account_currency);
  return {
    productId,
    accountNumber,
    accountHolderName: quote.payment.name ?? null,
    amountDue: Money.fromWire(quote.payment.amount, quote.payment.currency),
    paymentFee: quote.payment.fee == null ? null : Money.fromWire(quote.payment.fee, quote.payment.currency),
    localValue: local(quote.local_value),
    wholesalePrice: account(quote.wholesale_price),
    retailPrice: quote.retail_price == null ? null : account(quote.retail_price),
    fee: quote.fee == null ? null : account(quote.fee),
  };
}

/** What a bill payment costs the tenant: G&S's wholesale price plus fee, in the account currency. */
function billSpend(bill: BillQuote): Spend {
  const total = bill.fee ? Money.add(bill.wholesalePrice, bill.fee) : bill.wholesalePrice;
  return { unit: total.unit, micros: toMicros(total.amount) };
}

/** The G&S payment recorded on a bill payment, or null while its outcome is unknown. */
export function paymentOf(record: TransactionRecord): GsPayment | null {
  return storedJson<GsPayment>(record, 'upstream');
}

/**
 * Bill payments through DT One's Goods & Services API, with the DVS core's guarantees: each payment is persisted
 * (with its derived numeric external_id) before it is sent, a lost answer is looked up by `ext-{external_id}`
 * and never re-sent, and a replay of the idempotency key returns the first result or its refusal.
 */
export function createBillPaymentService(options: BillPaymentServiceOptions) {
  const { store, accounts } = options;
  const duplicateWaitMs = options.duplicateWaitMs ?? 10_000;

  function usable(account: GsAccount | undefined): GsAccount {
    if (!account) throw new BillPaymentsUnavailableError();
    return account;
  }
  /** The client of the account a payment was sent with. */
  const clientOf = async (record: TransactionRecord): Promise<GsClient> =>
    usable(await accounts.forRecord(record)).client;

  async function applyPayment(
    record: TransactionRecord,
    payment: GsPayment,
    source: 'create' | 'recovery',
  ): Promise<TransactionRecord> {
    const result = await store.applyStatus(
      record.id,
      {
        status: payment.status,
        statusClass: payment.status === '0' ? 'COMPLETED' : 'DECLINED',
        source,
        upstream: JSON.stringify(payment),
        upstreamId: payment.transaction_id,
        phase: 'SENT',
        // A G&S answer is final: nothing for the reconciler to poll.
        pollAfterMs: null,
      },
      (current) => current.phase !== 'SENT',
    );
    if (result?.changed) options.onChange?.(result.record);
    return result?.record ?? record;
  }

  const { markPhase, replay } = createIntentLifecycle({
    store,
    duplicateWaitMs,
    firstPollAfterMs: DEFAULT_FIRST_POLL_AFTER_MS,
    recover: (record) => recover(record),
    failureError: (code, record) =>
      refusalError(code, { productId: record.productId, upstream: 'Goods & Services' }),
  });

  /** Looks a payment whose answer was lost up by its external id; never sends it again. */
  async function recover(record: TransactionRecord, repeated = false): Promise<TransactionRecord> {
    try {
      const found = await (await clientOf(record)).getVariableValuePaymentByExternalId(record.externalId);
      if (found) return await applyPayment(record, found, 'recovery');
      // 1000213 and no payment under our external id: G&S refused a repeat of another payment of this bill.
      if (repeated) {
        const failed = await markPhase(record, 'FAILED', 'BILL_ALREADY_PAID');
        throw refusalError('BILL_ALREADY_PAID', {
          productId: failed.productId,
          upstream: 'Goods & Services',
        });
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // Still unknown: a later replay (or the reconciler) asks again.
    }
    return record.phase === 'INTENT' ? markPhase(record, 'OUTCOME_UNKNOWN', null) : record;
  }

  /** Sends a recorded intent: a first attempt with the account it quoted with, a retry with the tenant's now. */
  async function send(record: TransactionRecord, account?: GsAccount): Promise<TransactionRecord> {
    try {
      const upstream = account ?? usable(await accounts.forTenant(record.tenantId));
      await accounts.sentWith(record, upstream, account === undefined);
      const payment = await upstream.client.payVariableValue(payParams(requestOf(record), record.externalId));
      return await applyPayment(record, payment, 'create');
    } catch (error) {
      if (error instanceof GsOutcomeUnknownError) return recover(record);
      if (error instanceof GsConflictError) return recover(record, error.reason === 'transaction_repeated');
      const code = refusalCode(error);
      const failed = await markPhase(record, 'FAILED', code);
      throw refusalError(code, { error, productId: failed.productId, upstream: 'Goods & Services' });
    }
  }

  /** What paying this bill in full costs now, asked of `account`; expected refusals are typed errors. */
  async function quoteWith(account: GsAccount, productId: number, accountNumber: string): Promise<BillQuote> {
    validateAccountNumber(accountNumber);
    if (!Number.isSafeInteger(productId) || productId < 1) throw new ProductUnavailableError(productId);
    try {
      return billQuoteFrom(
        productId,
        accountNumber,
        await account.client.quoteVariableValuePayment(productId, accountNumber),
      );
    } catch (error) {
      throw refusalError(refusalCode(error), { error, productId, upstream: 'Goods & Services' });
    }
  }

  /**
   * Settles a payment whose outcome the gateway does not know, for a reconciler: a known G&S id is re-read, else
   * the payment is looked up by external id; an intent G&S never received becomes FAILED / NOT_SENT.
   */
  async function settle(record: TransactionRecord): Promise<TransactionRecord> {
    if (record.phase === 'SENT' || record.phase === 'FAILED') return record;
    const gs = await clientOf(record);
    const found = record.upstreamId
      ? await gs.getVariableValuePayment(record.upstreamId)
      : await gs.getVariableValuePaymentByExternalId(record.externalId);
    if (found) return applyPayment(record, found, 'recovery');
    if (record.phase === 'INTENT') return markPhase(record, 'FAILED', 'NOT_SENT');
    return record;
  }

  return {
    /** What paying this bill in full costs the tenant now (a caller without one: the deployment's account). */
    quote: async (tenantId: string | null, productId: number, accountNumber: string) =>
      quoteWith(usable(await accounts.forTenant(tenantId)), productId, accountNumber),
    settle,

    async pay(tenantId: string, input: PayBillInput): Promise<TransactionRecord> {
      const { idempotencyKey, ...given } = input;
      validateIdempotencyKey(idempotencyKey);
      const request = normalise(given);
      const print = fingerprint('payBill', request);
      const existing = await store.getByIdempotencyKey(tenantId, 'GS', idempotencyKey);
      if (existing) return replay(existing, print, send);

      // G&S asks for the amount to be checked before a payment; a refused bill leaves no record.
      const account = usable(await accounts.forTenant(tenantId));
      const billQuote = await quoteWith(account, request.productId, request.accountNumber);
      const id = newTransactionId();
      const inserted = await store.insertIntentWithinCap(
        {
          id,
          tenantId,
          api: 'GS',
          idempotencyKey,
          fingerprint: print,
          externalId: deriveGsExternalId(tenantId, idempotencyKey),
          productId: request.productId,
          productSnapshot: JSON.stringify(billQuote),
          request: JSON.stringify(request),
          // G&S calls nobody back: a token no one knows.
          callbackTokenHash: hashToken(randomBytes(32).toString('base64url')),
        },
        billSpend(billQuote),
      );
      if ('refused' in inserted) throw spendLimitExceeded(inserted.refused);
      const { record, created } = inserted;
      if (!created) return replay(record, print, send);
      return send(record, account);
    },

    /** The tenant's bill payment; another tenant's id, or a DVS transaction's, reads as missing. */
    async get(tenantId: string, id: string): Promise<TransactionRecord | undefined> {
      const record = await store.getTransaction(tenantId, id);
      return record?.api === 'GS' ? record : undefined;
    },
  };
}

export type BillPaymentService = ReturnType<typeof createBillPaymentService>;
