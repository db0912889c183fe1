import type { Catalogue, GsAccount, GsProduct, JsonObject } from '../catalogue/types.js';
import type { SandboxClock } from '../clock.js';
import { GsSandboxError, SandboxError } from '../errors.js';
import type { Ledger } from '../ledger.js';
import { type Atomic, inMemory } from '../persistence/atomic.js';
import { type Money, readDecimal, roundToUnit, wireNumber } from '../transactions/amounts.js';
import { randomDigits, seededRandom } from '../transactions/random.js';
import { parsePayParams } from './pay-params.js';

export interface GsEngineOptions {
  catalogue: Catalogue;
  clock: SandboxClock;
  ledger: Ledger;
  /** Source of operator references. Default: seeded from the catalogue seed. */
  random?: () => number;
  /** Keep payments in `journal`, resuming those an earlier run saved (oldest first). Default: memory only. */
  durable?: { journal: GsJournal; saved: readonly JsonObject[] };
  /** The first payment id: each account of one sandbox numbers from its own, so ids stay unique across them. */
  firstId?: number;
}

/** Where a durable G&S engine keeps its payments; `save` comes inside the payment's change. */
export interface GsJournal {
  atomic: Atomic;
  /** A new payment, as `GET /transactions/variable_value_payments/{id}` answers it. */
  save(transaction: JsonObject): void;
}

/** Goods & Services variable-value bill payments (legacy TransferTo API, `gs-api.dtone.com/v1.1`). */
export interface GsEngine {
  /** `GET /product/variable_value_payments/{product_id}?account_number=…`: the amount to pay. */
  quote(productId: string | number, accountNumber: string): JsonObject;
  /** `POST /transactions/variable_value_payments`: pays the whole bill (simulated unless `simulation` is 0). */
  pay(body: unknown): JsonObject;
  /** `GET /transactions/variable_value_payments/{transaction_id}`. */
  get(transactionId: string | number): JsonObject;
  /** `GET /transactions/variable_value_payments/ext-{external_id}`. */
  getByExternalId(externalId: string): JsonObject;
  /** Every payment, oldest first (inspection for tests). */
  all(): JsonObject[];
}

interface Bill {
  product: GsProduct;
  account: GsAccount;
  amountDue: Money;
  localValue: Money;
  wholesalePrice: Money;
  retailPrice: Money;
  fee: Money;
}

export const FIRST_TRANSACTION_ID = 300_001;

/**
 * Amounts follow the documented example: `local_value` = amount due + biller's payment fee (local currency);
 * `wholesale_price`/`retail_price` = local_value × the product's rate, rounded half-up to the account
 * currency's minor units; numbers are written without trailing zeros, as DT One's G&S answers show them.
 * A real payment (`simulation: 0`) debits wholesale price + fee from the account-currency balance and marks
 * the bill paid; a simulation moves nothing. External ids are unique across both.
 */
export function createGsEngine(options: GsEngineOptions): GsEngine {
  const { catalogue, clock, ledger } = options;
  const random = options.random ?? seededRandom(catalogue.seed + 1);
  const paidAccounts = new Set<string>();
  const byId = new Map<string, JsonObject>();
  const byExternalId = new Map<string, JsonObject>();
  let nextId = options.firstId ?? FIRST_TRANSACTION_ID;
  const journal = options.durable?.journal;
  const atomic = journal?.atomic ?? inMemory;

  const accountKey = (productId: number, accountNumber: string) => `${productId}/${accountNumber}`;

  const bill = (productId: number, accountNumber: string): Bill => {
    const product = catalogue.byId.gsProduct.get(productId);
    if (!product) throw new GsSandboxError(1000301);
    const account = catalogue.gsAccounts.find(
      (a) => a.productId === productId && a.accountNumber === accountNumber,
    );
    if (!account) throw new GsSandboxError(1000204);
    const amountDue = exact(account.amountDue, 'amountDue');
    if (amountDue.isZero() || paidAccounts.has(accountKey(productId, accountNumber))) {
      throw new GsSandboxError(1000212);
    }
    const localValue = amountDue.plus(exact(product.paymentFee, 'paymentFee'));
    return {
      product,
      account,
      amountDue,
      localValue,
      wholesalePrice: roundToUnit(
        product.accountCurrency,
        localValue.times(exact(product.wholesaleRate, 'wholesaleRate')),
      ),
      retailPrice: roundToUnit(
        product.accountCurrency,
        localValue.times(exact(product.retailRate, 'retailRate')),
      ),
      fee: exact(product.fee, 'fee'),
    };
  };

  const payment = (b: Bill): JsonObject => ({
    amount: wireNumber(b.amountDue),
    currency: b.product.localCurrency,
    fee: wireNumber(exact(b.product.paymentFee, 'paymentFee')),
    name: b.account.name,
  });

  const find = (map: Map<string, JsonObject>, key: string): JsonObject => {
    const found = map.get(key);
    if (!found) throw new GsSandboxError(1000404);
    return found;
  };

  const record = (transaction: JsonObject) => {
    const id = String(transaction.transaction_id);
    byId.set(id, transaction);
    byExternalId.set(String(transaction.external_id), transaction);
    nextId = Math.max(nextId, Number(id) + 1);
    // Only a real payment (simulation 0) pays the bill; a saved payment's numbers read back as lossless ones.
    if (Number(transaction.simulation) === 0) {
      paidAccounts.add(accountKey(Number(transaction.product_id), String(transaction.account_number)));
    }
  };
  for (const transaction of options.durable?.saved ?? []) record(transaction);

  return {
    quote(productId, accountNumber) {
      const id = String(productId);
      if (!/^[1-9]\d{0,9}$/.test(id))
        throw new GsSandboxError(1000999, 'Invalid parameter product_id: must be numeric');
      if (!/\S/.test(accountNumber))
        throw new GsSandboxError(1000999, 'Invalid parameter account_number: is required');
      const b = bill(Number(id), accountNumber);
      return {
        account_currency: b.product.accountCurrency,
        local_value: wireNumber(b.localValue),
        local_currency: b.product.localCurrency,
        wholesale_price: wireNumber(b.wholesalePrice),
        retail_price: wireNumber(b.retailPrice),
        fee: wireNumber(b.fee),
        payment: {
          fee: wireNumber(exact(b.product.paymentFee, 'paymentFee')),
          currency: b.product.localCurrency,
          amount: wireNumber(b.amountDue),
          name: b.account.name,
        },
      };
    },

    pay: (body) => atomic(() => pay(body)),

    get: (transactionId) => find(byId, String(transactionId)),
    getByExternalId: (externalId) => find(byExternalId, externalId),
    all: () => [...byId.values()],
  };

  function pay(body: unknown): JsonObject {
    const params = parsePayParams(body);
    if (byExternalId.has(params.externalId)) throw new GsSandboxError(1000990);
    const b = bill(params.productId, params.accountNumber);
    if (params.simulation === 0) {
      try {
        ledger.debit(b.product.accountCurrency, b.wholesalePrice.plus(b.fee));
      } catch (error) {
        if (error instanceof SandboxError) throw new GsSandboxError(1000777);
        throw error;
      }
    }
    const [custom1, custom2, custom3] = params.customFields;
    const transaction: JsonObject = {
      transaction_id: String(nextId++),
      simulation: params.simulation,
      status: '0',
      status_message: 'Transaction successful',
      date: new Date(clock.now()).toISOString().slice(0, 19).replace('T', ' '),
      account_number: params.accountNumber,
      external_id: params.externalId,
      operator_reference: randomDigits(random, 8),
      product_id: String(b.product.productId),
      product: b.product.productName,
      product_desc: b.product.productShortDesc,
      product_currency: b.product.localCurrency,
      product_value: wireNumber(b.localValue),
      local_currency: b.product.localCurrency,
      local_value: wireNumber(b.localValue),
      operator_id: String(b.product.operatorId),
      operator: b.product.operator,
      country_id: String(b.product.countryId),
      country: b.product.country,
      account_currency: b.product.accountCurrency,
      wholesale_price: wireNumber(b.wholesalePrice),
      retail_price: wireNumber(b.retailPrice),
      fee: wireNumber(b.fee),
      payment: payment(b),
      sender: { ...params.sender },
      recipient: { ...params.recipient },
      sender_sms_notification: params.senderSmsNotification,
      sender_sms_text: params.senderSmsText,
      recipient_sms_notification: params.recipientSmsNotification,
      recipient_sms_text: params.recipientSmsText,
      custom_field_1: custom1,
      custom_field_2: custom2,
      custom_field_3: custom3,
    };
    record(transaction);
    journal?.save(transaction);
    return transaction;
  }
}

function exact(text: string, what: string): Money {
  const amount = readDecimal(text);
  if (amount === undefined) throw new Error(`sandbox catalogue: G&S ${what} ${text} is not a decimal`);
  return amount;
}
