import { isLosslessNumber } from 'lossless-json';
import { GsSandboxError } from '../errors.js';

export interface GsParty {
  last_name: string;
  middle_name: string;
  first_name: string;
  email: string;
  mobile: string;
  custom_field_1: string;
  custom_field_2: string;
  custom_field_3: string;
}

/** The parameters of `POST /transactions/variable_value_payments`, as DT One's G&S page lists them. */
export interface PayParams {
  accountNumber: string;
  productId: number;
  /** Numeric text, kept as text: DT One's own example (`14248512386098430`) is beyond a double's integers. */
  externalId: string;
  simulation: 0 | 1;
  senderSmsNotification: 0 | 1;
  senderSmsText: string;
  recipientSmsNotification: 0 | 1;
  recipientSmsText: string;
  sender: GsParty;
  recipient: GsParty;
  customFields: [string, string, string];
}

const SMS_TEXT_MAX = 30;
const PHONE = /^\+?[0-9]{6,15}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates a payment body; a bad parameter answers `1000999` naming it. */
export function parsePayParams(body: unknown): PayParams {
  if (!isRecord(body)) throw invalid('body', 'must be a JSON object');
  const accountNumber = body.account_number;
  if (typeof accountNumber !== 'string' || !/\S/.test(accountNumber))
    throw invalid('account_number', 'is required');
  const productId = numericText(body.product_id);
  if (productId === undefined || !/^[1-9]\d{0,9}$/.test(productId)) {
    throw invalid('product_id', 'is required and must be numeric');
  }
  const externalId = numericText(body.external_id);
  if (externalId === undefined) throw invalid('external_id', 'is required and must be numeric');

  return {
    accountNumber,
    productId: Number(productId),
    externalId,
    simulation: flag(body, 'simulation', 1),
    senderSmsNotification: flag(body, 'sender_sms_notification', 0),
    senderSmsText: smsText(body, 'sender_sms_text'),
    recipientSmsNotification: flag(body, 'recipient_sms_notification', 0),
    recipientSmsText: smsText(body, 'recipient_sms_text'),
    sender: party(body, 'sender'),
    recipient: party(body, 'recipient'),
    customFields: [text(body, 'custom_field_1'), text(body, 'custom_field_2'), text(body, 'custom_field_3')],
  };
}

function party(body: Record<string, unknown>, name: 'sender' | 'recipient'): GsParty {
  const value = body[name];
  if (!isRecord(value)) throw invalid(name, 'is required');
  const mobile = value.mobile;
  const mobileText = typeof mobile === 'string' ? mobile : numericText(mobile);
  if (mobileText === undefined || !PHONE.test(mobileText))
    throw invalid(`${name}.mobile`, 'must be a phone number');
  const email = text(value, 'email', `${name}.email`);
  if (email !== '' && !EMAIL.test(email)) throw invalid(`${name}.email`, 'must be an email address');
  return {
    last_name: text(value, 'last_name', `${name}.last_name`),
    middle_name: text(value, 'middle_name', `${name}.middle_name`),
    first_name: text(value, 'first_name', `${name}.first_name`),
    email,
    mobile: mobileText,
    custom_field_1: text(value, 'custom_field_1', `${name}.custom_field_1`),
    custom_field_2: text(value, 'custom_field_2', `${name}.custom_field_2`),
    custom_field_3: text(value, 'custom_field_3', `${name}.custom_field_3`),
  };
}

function flag(body: Record<string, unknown>, name: string, fallback: 0 | 1): 0 | 1 {
  const value = body[name];
  if (value === undefined || value === null || value === '') return fallback;
  const raw = isLosslessNumber(value) ? value.value : value;
  if (raw === '1' || raw === 1 || raw === true) return 1;
  if (raw === '0' || raw === 0 || raw === false) return 0;
  throw invalid(name, 'must be 1 or 0');
}

function smsText(body: Record<string, unknown>, name: string): string {
  const value = text(body, name);
  if (value.length > SMS_TEXT_MAX) throw invalid(name, `must be at most ${SMS_TEXT_MAX} characters`);
  return value;
}

function text(source: Record<string, unknown>, key: string, name = key): string {
  const value = source[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalid(name, 'must be text');
  return value;
}

/** A JSON string of digits, or a non-negative JSON integer, as its digits. */
function numericText(value: unknown): string | undefined {
  if (typeof value === 'string') return /^\d{1,40}$/.test(value) ? value : undefined;
  if (isLosslessNumber(value)) return /^\d{1,40}$/.test(value.value) ? value.value : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

function invalid(name: string, problem: string): GsSandboxError {
  return new GsSandboxError(1000999, `Invalid parameter ${name}: ${problem}`);
}
