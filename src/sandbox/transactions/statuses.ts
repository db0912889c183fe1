import type { JsonObject } from '../catalogue/types.js';

/** Status classes with the ids DT One documents (6 is unused in DVS). */
export const STATUS_CLASSES = {
  CREATED: 1,
  CONFIRMED: 2,
  REJECTED: 3,
  CANCELLED: 4,
  SUBMITTED: 5,
  COMPLETED: 7,
  REVERSED: 8,
  DECLINED: 9,
} as const;
export type StatusClass = keyof typeof STATUS_CLASSES;

/**
 * Every status of the spec's table (plus the sandbox-only DECLINED-EXCEPTION) with its numeric id. Base ids are
 * class × 10000 (the shape DT One's own tests filter on, e.g. 70000); sub-status ids are our own stable
 * inventions: DT One publishes none, so clients must never depend on them.
 */
export const STATUSES = {
  CREATED: 10000,
  CONFIRMED: 20000,
  REJECTED: 30000,
  'REJECTED-INVALID-CREDIT-PARTY': 30201,
  'REJECTED-BARRED-CREDIT-PARTY': 30202,
  'REJECTED-INELIGIBLE-CREDIT-PARTY': 30203,
  'REJECTED-INVALID-DEBIT-PARTY': 30204,
  'REJECTED-BARRED-DEBIT-PARTY': 30205,
  'REJECTED-LIMITATIONS-ON-CREDIT-PARTY-AMOUNT': 30301,
  'REJECTED-LIMITATIONS-ON-CREDIT-PARTY-QUANTITY': 30302,
  'REJECTED-OPERATOR-CURRENTLY-UNAVAILABLE': 30401,
  'REJECTED-INSUFFICIENT-BALANCE': 30500,
  CANCELLED: 40000,
  SUBMITTED: 50000,
  COMPLETED: 70000,
  REVERSED: 80000,
  DECLINED: 90000,
  'DECLINED-INVALID-CREDIT-PARTY': 90201,
  'DECLINED-BARRED-CREDIT-PARTY': 90202,
  'DECLINED-INELIGIBLE-CREDIT-PARTY': 90203,
  'DECLINED-INVALID-DEBIT-PARTY': 90204,
  'DECLINED-BARRED-DEBIT-PARTY': 90205,
  'DECLINED-LIMITATIONS-ON-OPERATOR-AMOUNT': 90301,
  'DECLINED-LIMITATIONS-ON-CREDIT-PARTY-AMOUNT': 90302,
  'DECLINED-LIMITATIONS-ON-CUSTOMER-AMOUNT': 90303,
  'DECLINED-LIMITATIONS-ON-OPERATOR-QUANTITY': 90304,
  'DECLINED-LIMITATIONS-ON-CREDIT-PARTY-QUANTITY': 90305,
  'DECLINED-LIMITATIONS-ON-CUSTOMER-QUANTITY': 90306,
  'DECLINED-DUPLICATED-TRANSACTION': 90401,
  'DECLINED-OPERATOR-CURRENTLY-UNAVAILABLE': 90501,
  'DECLINED-EXCEPTION': 90601,
} as const;
export type StatusName = keyof typeof STATUSES;

export type RejectedStatus = Extract<StatusName, 'REJECTED' | `REJECTED-${string}`>;

export function isStatusName(value: string): value is StatusName {
  return Object.hasOwn(STATUSES, value);
}

export function classOf(status: StatusName): StatusClass {
  return status.split('-', 1)[0] as StatusClass;
}

const FINAL_CLASSES: ReadonlySet<StatusClass> = new Set([
  'REJECTED',
  'CANCELLED',
  'COMPLETED',
  'REVERSED',
  'DECLINED',
]);

/** CONFIRMED and SUBMITTED still move; CREATED waits for a call; every other class is final. */
export function isFinal(status: StatusName): boolean {
  return FINAL_CLASSES.has(classOf(status));
}

/** The spec's `status` object: `{ id, message, class: { id, message } }`, messages being the status and class names. */
export function statusJson(status: StatusName): JsonObject {
  const cls = classOf(status);
  return { id: STATUSES[status], message: status, class: { id: STATUS_CLASSES[cls], message: cls } };
}
