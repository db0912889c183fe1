import { describe, expect, it } from 'vitest';
import { parseJson } from '../../money/json.js';
import { gsPayment, gsQuote } from './schemas.js';

/** The documented answers, verbatim from DT One's G&S "Variable value payments" page (seed 002). */
const QUOTE = `{
    "account_currency": "MYR",
    "local_value": 62973,
    "local_currency": "IDR",
    "wholesale_price": 20.89,
    "retail_price": 20.89,
    "fee": 3,
    "payment": { "fee": 5000, "currency": "IDR", "amount": 57973, "name": "ABD KARIM" }
}`;

const PAYMENT = `{
    "transaction_id": "215278", "simulation": 0, "status": "0", "status_message": "Transaction successful",
    "date": "2016-06-09 05:16:29", "account_number": "123123123123", "external_id": "14248512386098430",
    "operator_reference": "10290928", "product_id": "159", "product": "PLN postpaid", "product_desc": "PLN postpaid",
    "product_currency": "IDR", "product_value": 62973, "local_currency": "IDR", "local_value": 62973,
    "operator_id": "1671", "operator": "PLN Indonesia", "country_id": "767", "country": "Indonesia",
    "account_currency": "MYR", "wholesale_price": 20.89, "retail_price": 20.89, "fee": 3,
    "payment": { "amount": 57973, "currency": "IDR", "fee": 5000, "name": "ABD KARIM" },
    "sender": { "last_name": "Delorm", "middle_name": "", "first_name": "John", "email": "john@testaccount.com",
      "mobile": "6012345678", "custom_field_1": "", "custom_field_2": "", "custom_field_3": "" },
    "recipient": { "last_name": "Delorm", "middle_name": "", "first_name": "Lisa", "email": "lisa@testaccount.com",
      "mobile": "6012234345", "custom_field_1": "", "custom_field_2": "", "custom_field_3": "" },
    "sender_sms_notification": 1, "sender_sms_text": "Sender message", "recipient_sms_notification": 1,
    "recipient_sms_text": "Recipient message", "custom_field_1": "", "custom_field_2": "", "custom_field_3": ""
}`;

describe('G&S schemas', () => {
  it('read the documented quote with exact amounts', () => {
    const quote = gsQuote.parse(parseJson(QUOTE));
    expect(quote).toMatchObject({
      wholesale_price: '20.89',
      local_value: 62973,
      payment: { amount: 57973, name: 'ABD KARIM' },
    });
  });

  it('read the documented payment, ids as text and flags as booleans', () => {
    const payment = gsPayment.parse(parseJson(PAYMENT));
    expect(payment).toMatchObject({
      transaction_id: '215278',
      simulation: false,
      status: '0',
      external_id: '14248512386098430',
      wholesale_price: '20.89',
      sender_sms_notification: true,
    });
  });

  it('accept numeric ids and drop unknown fields', () => {
    const text = PAYMENT.replace(
      '"transaction_id": "215278"',
      '"transaction_id": 215278, "new_field": {"x": 1}',
    );
    const payment = gsPayment.parse(parseJson(text));
    expect(payment.transaction_id).toBe('215278');
    expect(payment).not.toHaveProperty('new_field');
  });

  it('refuse an answer missing what the gateway relies on, or with an amount that is not a number', () => {
    const noId = JSON.parse(PAYMENT) as Record<string, unknown>;
    delete noId.transaction_id;
    expect(gsPayment.safeParse(noId).success).toBe(false);
    expect(gsQuote.safeParse(parseJson(QUOTE.replace('20.89,', '"twenty",'))).success).toBe(false);
    expect(gsQuote.safeParse([]).success).toBe(false);
  });
});
