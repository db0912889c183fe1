import { createHash } from 'node:crypto';
import type { GsParty, PayVariableValueParams } from '../datasources/gs/client.js';
import type { TransactionRecord } from '../store/types.js';
import { InvalidInputError } from './errors.js';
import { storedJson } from './transaction-view.js';

/** What a bill payment asks of Goods & Services: the client's input, checked, and the G&S call it becomes. */
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

/** The payment as stored: what the record's `request` JSON holds. */
export type StoredRequest = Omit<PayBillInput, 'idempotencyKey'> & { simulation: boolean };

const SMS_TEXT_MAX = 30;
const ACCOUNT_NUMBER_MAX = 90;
const CUSTOM_FIELDS_MAX = 3;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
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

export function requestOf(record: TransactionRecord): StoredRequest {
  return storedJson<StoredRequest>(record, 'request')!;
}

export function validateAccountNumber(accountNumber: string): void {
  if (!/\S/.test(accountNumber) || accountNumber.length > ACCOUNT_NUMBER_MAX) {
    throw new InvalidInputError(['accountNumber'], `accountNumber is 1 to ${ACCOUNT_NUMBER_MAX} characters`);
  }
}

/** Checks what G&S would refuse and fills the defaults, so the fingerprint sees the input G&S gets. */
export function normalise(input: Omit<PayBillInput, 'idempotencyKey'>): StoredRequest {
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

export function payParams(request: StoredRequest, externalId: string): PayVariableValueParams {
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
