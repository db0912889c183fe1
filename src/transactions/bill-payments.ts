import { createHash, randomBytes } from 'node:crypto';
import type { GsClient, GsParty, PayVariableValueParams } from '../datasources/gs/client.js';
import {
  GsAuthenticationError,
  GsConflictError,
  GsError,
  GsInsufficientBalanceError,
  GsInvalidRequestError,
  GsNotFoundError,
  GsOutcomeUnknownError,
  GsRateLimitError,
  GsStateError,
} from '../datasources/gs/errors.js';
import type { GsPayment, GsQuote } from '../datasources/gs/schemas.js';
import { DomainError } from '../error-registry.js';
import type { WireNumber } from '../money/json.js';
import { Money } from '../money/money.js';
import { DEFAULT_FIRST_POLL_AFTER_MS } from '../store/transaction-queries.js';
import type { Spend, Store, TransactionRecord } from '../store/types.js';
import {
  InsufficientBalanceError,
  InvalidInputError,
  ProductUnavailableError,
  RateLimitedError,
  UpstreamUnavailableError,
  upstreamAuthError,
} from './errors.js';
import { fingerprint, hashToken, newTransactionId } from './identity.js';
import { createIntentLifecycle, validateIdempotencyKey } from './intent-lifecycle.js';
import { spendLimitExceeded, toMicros } from './spend.js';
import { storedJson } from './transaction-view.js';

export class AccountNumberInvalidError extends DomainError {
  override readonly name = 'AccountNumberInvalidError';
  readonly code = 'ACCOUNT_NUMBER_INVALID';
  constructor(readonly productId: number) {
    super(`The biller of product ${productId} does not know this account number`);
  }
}

export class BillAlreadyPaidError extends DomainError {
  override readonly name = 'BillAlreadyPaidError';
  readonly code = 'BILL_ALREADY_PAID';
  constructor(readonly productId: number) {
    super('This bill has nothing left to pay');
  }
}

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

export interface BillPartyInput {
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  email?: string | null;
}

export interface BillSmsInput {
  notify?: boolean | null;
  text?: string | null;
}

export interface PayBillInput {
  idempotencyKey: string;
  productId: number;
  accountNumber: string;
  /** G&S defaults to a simulation; so does the gateway. */
  simulation?: boolean | null;
  /** E.164. */
  senderMobile: string;
  /** E.164. */
  recipientMobile: string;
  sender?: BillPartyInput | null;
  recipient?: BillPartyInput | null;
  senderSms?: BillSmsInput | null;
  recipientSms?: BillSmsInput | null;
  /** Up to three, sent as custom_field_1..3. */
  customFields?: readonly string[] | null;
}

export interface BillPaymentServiceOptions {
  store: Store;
  /** Absent when the deployment has no G&S credentials. */
  gs: GsClient | undefined;
  /** How long a concurrent duplicate waits for the first request's answer. @default 10_000 */
  duplicateWaitMs?: number;
  /** Told of every recorded change (wakes subscribers), as the top-up service is. */
  onChange?: (record: TransactionRecord) => void;
}

/** The payment as stored: what the record's `request` JSON holds. */
type StoredRequest = Omit<PayBillInput, 'idempotencyKey'> & { simulation: boolean };

const SMS_TEXT_MAX = 30;
const ACCOUNT_NUMBER_MAX = 90;
const CUSTOM_FIELDS_MAX = 3;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/**
 * Failures the same idempotency key may try again: G&S did not take the payment (NOT_SENT: a settle found no
 * payment for an intent whose sender died). A resend carries the same external id, which G&S accepts once.
 */
const MAX_EXTERNAL_ID = 10n ** 18n - 1n;

/**
 * G&S's `external_id` for a (tenant, idempotency key). G&S requires a number, so this is a decimal string of at
 * most 18 digits (it fits a signed 64-bit integer) without leading zeros, from a hash domain of its own so it
 * never equals the DVS `gw…` external id of the same key.
 */
export function deriveGsExternalId(tenantId: string, idempotencyKey: string): string {
  const digest = createHash('sha256').update(`gs-payment\n${tenantId}\n${idempotencyKey}`).digest();
  return ((digest.readBigUInt64BE(0) % MAX_EXTERNAL_ID) + 1n).toString();
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

export function requestOf(record: TransactionRecord): StoredRequest {
  return storedJson<StoredRequest>(record, 'request')!;
}

/**
 * Bill payments through DT One's Goods & Services API, with the DVS core's guarantees: each payment is persisted
 * (with its derived numeric external_id) before it is sent, a lost answer is looked up by `ext-{external_id}`
 * and never re-sent, and a replay of the idempotency key returns the first result or its refusal.
 */
export function createBillPaymentService(options: BillPaymentServiceOptions) {
  const { store } = options;
  const duplicateWaitMs = options.duplicateWaitMs ?? 10_000;

  function client(): GsClient {
    if (!options.gs) throw new BillPaymentsUnavailableError();
    return options.gs;
  }

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
    failureError: (code, record) => failureError(code, undefined, record),
  });

  /** Looks a payment whose answer was lost up by its external id; never sends it again. */
  async function recover(record: TransactionRecord, repeated = false): Promise<TransactionRecord> {
    try {
      const found = await client().getVariableValuePaymentByExternalId(record.externalId);
      if (found) return await applyPayment(record, found, 'recovery');
      // 1000213 and no payment under our external id: G&S refused a repeat of another payment of this bill.
      if (repeated) {
        const failed = await markPhase(record, 'FAILED', 'BILL_ALREADY_PAID');
        throw failureError('BILL_ALREADY_PAID', undefined, failed);
      }
    } catch (error) {
      if (error instanceof DomainError) throw error;
      // Still unknown: a later replay (or the reconciler) asks again.
    }
    return record.phase === 'INTENT' ? markPhase(record, 'OUTCOME_UNKNOWN', null) : record;
  }

  async function send(record: TransactionRecord): Promise<TransactionRecord> {
    try {
      const payment = await client().payVariableValue(payParams(requestOf(record), record.externalId));
      return await applyPayment(record, payment, 'create');
    } catch (error) {
      if (error instanceof GsOutcomeUnknownError) return recover(record);
      if (error instanceof GsConflictError) return recover(record, error.reason === 'transaction_repeated');
      const code = failureCode(error);
      const failed = await markPhase(record, 'FAILED', code);
      throw failureError(code, error, failed);
    }
  }

  /** What paying this bill in full costs now; expected refusals are typed errors. */
  async function quote(productId: number, accountNumber: string): Promise<BillQuote> {
    validateAccountNumber(accountNumber);
    if (!Number.isSafeInteger(productId) || productId < 1) throw new ProductUnavailableError(productId);
    try {
      return billQuoteFrom(
        productId,
        accountNumber,
        await client().quoteVariableValuePayment(productId, accountNumber),
      );
    } catch (error) {
      throw failureError(failureCode(error), error, undefined, productId);
    }
  }

  /**
   * Settles a payment whose outcome the gateway does not know, for a reconciler: a known G&S id is re-read, else
   * the payment is looked up by external id; an intent G&S never received becomes FAILED / NOT_SENT.
   */
  async function settle(record: TransactionRecord): Promise<TransactionRecord> {
    if (record.phase === 'SENT' || record.phase === 'FAILED') return record;
    const found = record.upstreamId
      ? await client().getVariableValuePayment(record.upstreamId)
      : await client().getVariableValuePaymentByExternalId(record.externalId);
    if (found) return applyPayment(record, found, 'recovery');
    if (record.phase === 'INTENT') return markPhase(record, 'FAILED', 'NOT_SENT');
    return record;
  }

  return {
    quote,
    settle,

    async pay(tenantId: string, input: PayBillInput): Promise<TransactionRecord> {
      const { idempotencyKey, ...given } = input;
      validateIdempotencyKey(idempotencyKey);
      const request = normalise(given);
      const print = fingerprint('payBill', request);
      const existing = await store.getByIdempotencyKey(tenantId, 'GS', idempotencyKey);
      if (existing) return replay(existing, print, send);

      // G&S asks for the amount to be checked before a payment; a refused bill leaves no record.
      const billQuote = await quote(request.productId, request.accountNumber);
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
      return send(record);
    },

    /** The tenant's bill payment; another tenant's id, or a DVS transaction's, reads as missing. */
    async get(tenantId: string, id: string): Promise<TransactionRecord | undefined> {
      const record = await store.getTransaction(tenantId, id);
      return record?.api === 'GS' ? record : undefined;
    },
  };
}

export type BillPaymentService = ReturnType<typeof createBillPaymentService>;

function validateAccountNumber(accountNumber: string): void {
  if (!/\S/.test(accountNumber) || accountNumber.length > ACCOUNT_NUMBER_MAX) {
    throw new InvalidInputError(['accountNumber'], `accountNumber is 1 to ${ACCOUNT_NUMBER_MAX} characters`);
  }
}

/** Checks what G&S would refuse and fills the defaults, so the fingerprint sees the input G&S gets. */
function normalise(input: Omit<PayBillInput, 'idempotencyKey'>): StoredRequest {
  validateAccountNumber(input.accountNumber);
  for (const side of ['sender', 'recipient'] as const) {
    const email = input[side]?.email;
    if (email != null && !EMAIL.test(email))
      throw new InvalidInputError([side, 'email'], `${side}.email is not an email address`);
    const text = input[`${side}Sms`]?.text;
    if (text != null && [...text].length > SMS_TEXT_MAX)
      throw new InvalidInputError(
        [`${side}Sms`, 'text'],
        `SMS texts have at most ${SMS_TEXT_MAX} characters`,
      );
  }
  if ((input.customFields?.length ?? 0) > CUSTOM_FIELDS_MAX)
    throw new InvalidInputError(['customFields'], `At most ${CUSTOM_FIELDS_MAX} custom fields`);
  return { ...input, simulation: input.simulation ?? true };
}

function party(mobile: string, p: BillPartyInput | null | undefined): GsParty {
  // G&S's documented form is the international number without "+".
  const gsParty: GsParty = { mobile: mobile.replace(/^\+/, '') };
  if (p?.firstName != null) gsParty.firstName = p.firstName;
  if (p?.middleName != null) gsParty.middleName = p.middleName;
  if (p?.lastName != null) gsParty.lastName = p.lastName;
  if (p?.email != null) gsParty.email = p.email;
  return gsParty;
}

function payParams(request: StoredRequest, externalId: string): PayVariableValueParams {
  const params: PayVariableValueParams = {
    productId: request.productId,
    accountNumber: request.accountNumber,
    externalId,
    simulation: request.simulation,
    sender: party(request.senderMobile, request.sender),
    recipient: party(request.recipientMobile, request.recipient),
  };
  if (request.senderSms?.notify != null) params.senderSmsNotification = request.senderSms.notify;
  if (request.senderSms?.text != null) params.senderSmsText = request.senderSms.text;
  if (request.recipientSms?.notify != null) params.recipientSmsNotification = request.recipientSms.notify;
  if (request.recipientSms?.text != null) params.recipientSmsText = request.recipientSms.text;
  const [first, second, third] = request.customFields ?? [];
  if (first !== undefined) params.customField1 = first;
  if (second !== undefined) params.customField2 = second;
  if (third !== undefined) params.customField3 = third;
  return params;
}

const PRODUCT_REASONS: ReadonlySet<string> = new Set([
  'product_unavailable',
  'product_incompatible',
  'wrong_product_type',
]);

/** A stable code for a refusal, kept on the record so a replay answers the same. */
function failureCode(error: unknown): string {
  if (error instanceof DomainError) throw error;
  if (error instanceof GsNotFoundError) return 'PRODUCT_UNAVAILABLE';
  if (error instanceof GsInvalidRequestError) {
    if (PRODUCT_REASONS.has(error.reason)) return 'PRODUCT_UNAVAILABLE';
    if (error.reason === 'account_number_invalid') return 'ACCOUNT_NUMBER_INVALID';
    return `INVALID_INPUT:${error.reason}`;
  }
  if (error instanceof GsStateError) return 'BILL_ALREADY_PAID';
  if (error instanceof GsInsufficientBalanceError) return 'INSUFFICIENT_BALANCE';
  if (error instanceof GsRateLimitError) return 'RATE_LIMITED';
  if (error instanceof GsAuthenticationError) return 'UPSTREAM_AUTH_ERROR';
  if (error instanceof GsError) return 'UPSTREAM_UNAVAILABLE';
  throw error;
}

function failureError(
  code: string,
  error: unknown,
  record: TransactionRecord | undefined,
  productId = record?.productId ?? 0,
): DomainError {
  if (code === 'PRODUCT_UNAVAILABLE') return new ProductUnavailableError(productId);
  if (code === 'ACCOUNT_NUMBER_INVALID') return new AccountNumberInvalidError(productId);
  if (code === 'BILL_ALREADY_PAID') return new BillAlreadyPaidError(productId);
  if (code === 'INSUFFICIENT_BALANCE') return new InsufficientBalanceError();
  if (code === 'RATE_LIMITED')
    return new RateLimitedError(error instanceof GsRateLimitError ? (error.retryAfterSeconds ?? null) : null);
  if (code.startsWith('INVALID_INPUT:'))
    return new InvalidInputError([], `Goods & Services refused the input (${code.slice(14)})`);
  if (code === 'UPSTREAM_AUTH_ERROR') return upstreamAuthError('Goods & Services');
  return new UpstreamUnavailableError();
}
