import { z } from 'zod';

/**
 * G&S has no published schema; these follow the documented quote and payment answers (payments_variable page)
 * and the recorded 2018 responses. Unknown fields are tolerated (dropped); a missing or mistyped field the
 * gateway relies on makes the answer a protocol error.
 */

/** A JSON number as the lossless parser hands it over: a safe integer, or its exact text. */
const wireNumber = z.union([
  z.number(),
  z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/, 'not a number literal'),
]);

/** Ids and codes G&S sends as strings in some places and numbers in others; always handed on as text. */
const idText = z.union([z.string().min(1), z.number().int()]).transform(String);

/** `simulation` arrives as 0/1 (or their text, or a boolean). */
const flag = z
  .union([z.boolean(), z.literal(0), z.literal(1), z.literal('0'), z.literal('1')])
  .transform((v) => v === true || v === 1 || v === '1');

const optionalText = z.string().nullish();

export const gsPaymentDetails = z.object({
  amount: wireNumber,
  currency: z.string(),
  fee: wireNumber.nullish(),
  /** Account holder's name as the biller knows it. */
  name: optionalText,
});

export const gsQuote = z.object({
  account_currency: z.string(),
  local_value: wireNumber,
  local_currency: z.string(),
  wholesale_price: wireNumber,
  retail_price: wireNumber.nullish(),
  fee: wireNumber.nullish(),
  payment: gsPaymentDetails,
});

const gsParty = z.object({
  last_name: optionalText,
  middle_name: optionalText,
  first_name: optionalText,
  email: optionalText,
  mobile: optionalText,
  custom_field_1: optionalText,
  custom_field_2: optionalText,
  custom_field_3: optionalText,
});

export const gsPayment = z.object({
  transaction_id: idText,
  simulation: flag,
  /** `"0"` = success; any other value is a failure whose meaning G&S does not document. */
  status: idText,
  status_message: optionalText,
  date: optionalText,
  account_number: z.string(),
  external_id: idText,
  operator_reference: optionalText,
  product_id: idText,
  product: optionalText,
  product_desc: optionalText,
  product_currency: optionalText,
  product_value: wireNumber.nullish(),
  local_currency: z.string(),
  local_value: wireNumber,
  operator_id: idText.nullish(),
  operator: optionalText,
  country_id: idText.nullish(),
  country: optionalText,
  account_currency: z.string(),
  wholesale_price: wireNumber,
  retail_price: wireNumber.nullish(),
  fee: wireNumber.nullish(),
  payment: gsPaymentDetails.nullish(),
  sender: gsParty.nullish(),
  recipient: gsParty.nullish(),
  sender_sms_notification: flag.nullish(),
  sender_sms_text: optionalText,
  recipient_sms_notification: flag.nullish(),
  recipient_sms_text: optionalText,
  custom_field_1: optionalText,
  custom_field_2: optionalText,
  custom_field_3: optionalText,
});

export type GsQuote = z.output<typeof gsQuote>;
export type GsPayment = z.output<typeof gsPayment>;
