import type { JsonObject } from '../catalogue/types.js';
import type { Outcome } from './outcomes.js';
import type { Pricing } from './pricing.js';
import type { ProductTerms } from './product-terms.js';
import type { StatusName } from './statuses.js';
import type { CreateRequest } from './validate.js';

/** One sandbox transaction: everything DT One would know about it. Times are sandbox-clock milliseconds. */
export interface TransactionRecord {
  id: number;
  externalId: string;
  product: ProductTerms;
  request: CreateRequest;
  pricing: Pricing;
  createdAt: number;
  confirmationExpiresAt: number;
  confirmedAt: number | null;
  /** When the move to SUBMITTED and the final status fall due (set on confirmation). */
  submitAt: number | null;
  finishAt: number | null;
  status: StatusName;
  holdId: string;
  /** Identifier whose suffix picked the outcome (`null`: product without a credit party). */
  outcomeIdentifier: string | null;
  outcome: Outcome;
  operatorReference: string | null;
  pin: { code: string; serial: string } | null;
  callbackUrl: string | null;
  /** The transaction's GET body at each status it went through, oldest first. */
  history: JsonObject[];
  /** Cancels the timers that drive it to its final status. */
  timers: Array<() => void>;
}
