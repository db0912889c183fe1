import type { Catalogue, JsonObject } from '../catalogue/types.js';
import type { Atomic } from '../persistence/atomic.js';
import type { Outcome } from './outcomes.js';
import { priceTransaction } from './pricing.js';
import { readProductTerms } from './product-terms.js';
import type { TransactionRecord } from './record.js';
import type { StatusName } from './statuses.js';
import { createBodyOf, outcomeIdentifier, parseCreateBody } from './validate.js';

/**
 * A transaction as a durable engine keeps it: its request and where it stands. The product terms and prices are
 * not kept: the catalogue (the same seed's) gives them back from the request, as it gave them at creation.
 */
export interface SavedTransaction {
  id: number;
  /** The create body, as `createBodyOf` writes it. */
  request: JsonObject;
  status: StatusName;
  holdId: string;
  createdAt: number;
  confirmationExpiresAt: number;
  confirmedAt: number | null;
  submitAt: number | null;
  finishAt: number | null;
  outcome: Outcome;
  operatorReference: string | null;
  pin: { code: string; serial: string } | null;
  /** The GET body at each status it went through, oldest first. */
  history: JsonObject[];
}

/** Where a durable engine keeps its transactions; `save` comes inside a change, on every status. */
export interface TransactionJournal {
  atomic: Atomic;
  /** The transaction as it now stands (a new one, or a newer state of one saved before). */
  save(transaction: SavedTransaction): void;
}

export function savedTransaction(tx: TransactionRecord): SavedTransaction {
  return {
    id: tx.id,
    request: createBodyOf(tx.request),
    status: tx.status,
    holdId: tx.holdId,
    createdAt: tx.createdAt,
    confirmationExpiresAt: tx.confirmationExpiresAt,
    confirmedAt: tx.confirmedAt,
    submitAt: tx.submitAt,
    finishAt: tx.finishAt,
    outcome: tx.outcome,
    operatorReference: tx.operatorReference,
    pin: tx.pin,
    history: tx.history,
  };
}

/** The engine's record of a saved transaction, its timers not armed yet. */
export function restoreTransaction(saved: SavedTransaction, catalogue: Catalogue): TransactionRecord {
  const request = parseCreateBody(saved.request, 'async');
  const entry = catalogue.byId.product.get(request.productId);
  if (!entry) {
    throw new Error(
      `saved transaction ${saved.id} is for product ${request.productId}, which the catalogue of seed ${catalogue.seed} lacks`,
    );
  }
  const product = readProductTerms(entry);
  return {
    id: saved.id,
    externalId: request.externalId,
    product,
    request,
    pricing: priceTransaction(product, request),
    createdAt: saved.createdAt,
    confirmationExpiresAt: saved.confirmationExpiresAt,
    confirmedAt: saved.confirmedAt,
    submitAt: saved.submitAt,
    finishAt: saved.finishAt,
    status: saved.status,
    holdId: saved.holdId,
    outcomeIdentifier: outcomeIdentifier(request, product),
    outcome: saved.outcome,
    operatorReference: saved.operatorReference,
    pin: saved.pin,
    callbackUrl: request.callbackUrl,
    history: saved.history,
    timers: [],
  };
}
