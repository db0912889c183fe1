import { stringify } from 'lossless-json';
import { afterEach, describe, expect, it } from 'vitest';
import { testCatalogue } from '../../../test/fixtures/sandbox-catalogue.js';
import { failure } from '../../../test/fixtures/sandbox-engine.js';
import { createClock } from '../clock.js';
import { createLedger } from '../ledger.js';
import { createGsEngine } from './engine.js';

const clocks: Array<() => void> = [];
afterEach(() => {
  for (const dispose of clocks.splice(0)) dispose();
});

function gsUnderTest() {
  const catalogue = testCatalogue();
  const clock = createClock();
  clocks.push(() => clock.dispose());
  const ledger = createLedger(catalogue.balances);
  return { gs: createGsEngine({ catalogue, clock, ledger }), ledger, clock };
}

/** DT One's documented request body (G&S "Variable value payments", step 2). */
function documentedBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    account_number: '123123123123',
    product_id: '159',
    external_id: '14248512386098430',
    simulation: '0',
    sender_sms_notification: '1',
    sender_sms_text: 'Sender message',
    recipient_sms_notification: '1',
    recipient_sms_text: 'Recipient message',
    sender: {
      last_name: 'Delorm',
      middle_name: '',
      first_name: 'John',
      email: 'john@testaccount.com',
      mobile: '6012345678',
    },
    recipient: {
      last_name: 'Delorm',
      middle_name: '',
      first_name: 'Lisa',
      email: 'lisa@testaccount.com',
      mobile: '6012234345',
    },
    ...overrides,
  };
}

describe('Goods & Services variable-value payments', () => {
  it('quotes the documented bill exactly: amount due plus payment fee, converted half-up', () => {
    const { gs } = gsUnderTest();
    expect(stringify(gs.quote('159', '123123123123'))).toBe(
      '{"account_currency":"MYR","local_value":62973,"local_currency":"IDR","wholesale_price":20.89,' +
        '"retail_price":20.89,"fee":3,"payment":{"fee":5000,"currency":"IDR","amount":57973,"name":"ABD KARIM"}}',
    );
  });

  it('answers 1000301 for an unknown product, 1000204 for an unknown account and 1000212 for a paid bill', async () => {
    const { gs } = gsUnderTest();
    expect((await failure(() => gs.quote(160, '123123123123'))).code).toBe(1000301);
    const unknown = await failure(() => gs.quote(159, '000'));
    expect([unknown.code, unknown.status]).toEqual([1000204, 400]);
    expect((await failure(() => gs.quote(159, '999000999'))).code).toBe(1000212);
    expect((await failure(() => gs.quote('abc', '123123123123'))).code).toBe(1000999);
    expect((await failure(() => gs.quote(159, ''))).code).toBe(1000999);
  });

  it('pays for real as documented, debits wholesale price plus fee and marks the bill paid', async () => {
    const { gs, ledger, clock } = gsUnderTest();
    const paid = gs.pay(documentedBody());
    const { transaction_id, date, operator_reference, ...rest } = paid;
    expect(transaction_id).toMatch(/^\d+$/);
    expect(date).toBe(new Date(clock.now()).toISOString().slice(0, 19).replace('T', ' '));
    expect(operator_reference).toMatch(/^\d{8}$/);
    expect(stringify(rest)).toBe(
      stringify({
        simulation: 0,
        status: '0',
        status_message: 'Transaction successful',
        account_number: '123123123123',
        external_id: '14248512386098430',
        product_id: '159',
        product: 'PLN postpaid',
        product_desc: 'PLN postpaid',
        product_currency: 'IDR',
        product_value: 62973,
        local_currency: 'IDR',
        local_value: 62973,
        operator_id: '1671',
        operator: 'PLN Indonesia',
        country_id: '767',
        country: 'Indonesia',
        account_currency: 'MYR',
        wholesale_price: 20.89,
        retail_price: 20.89,
        fee: 3,
        payment: { amount: 57973, currency: 'IDR', fee: 5000, name: 'ABD KARIM' },
        sender: {
          last_name: 'Delorm',
          middle_name: '',
          first_name: 'John',
          email: 'john@testaccount.com',
          mobile: '6012345678',
          custom_field_1: '',
          custom_field_2: '',
          custom_field_3: '',
        },
        recipient: {
          last_name: 'Delorm',
          middle_name: '',
          first_name: 'Lisa',
          email: 'lisa@testaccount.com',
          mobile: '6012234345',
          custom_field_1: '',
          custom_field_2: '',
          custom_field_3: '',
        },
        sender_sms_notification: 1,
        sender_sms_text: 'Sender message',
        recipient_sms_notification: 1,
        recipient_sms_text: 'Recipient message',
        custom_field_1: '',
        custom_field_2: '',
        custom_field_3: '',
      }),
    );
    expect(ledger.totals('MYR')).toMatchObject({ available: '26.11', captured: '23.89' });
    expect((await failure(() => gs.quote(159, '123123123123'))).code).toBe(1000212);
    const again = await failure(() => gs.pay(documentedBody({ external_id: '2' })));
    expect(again.code).toBe(1000212);
  });

  it('simulates by default: same answer, no debit, bill still payable', () => {
    const { gs, ledger } = gsUnderTest();
    const { simulation: _s, ...body } = documentedBody();
    const simulated = gs.pay(body);
    expect(simulated.simulation).toBe(1);
    expect(String(simulated.wholesale_price)).toBe('20.89');
    expect(ledger.totals('MYR')).toMatchObject({ available: '50', captured: '0' });
    expect(String(gs.quote(159, '123123123123').local_value)).toBe('62973');
  });

  it('echoes custom fields and defaults the SMS options', () => {
    const { gs } = gsUnderTest();
    const paid = gs.pay({
      account_number: '555000111',
      product_id: 159,
      external_id: 77,
      sender: { mobile: '+6012345678', custom_field_2: 'ref-9' },
      recipient: { mobile: '6012234345' },
      custom_field_1: 'order 12',
    });
    expect(paid).toMatchObject({
      external_id: '77',
      product_id: '159',
      sender_sms_notification: 0,
      sender_sms_text: '',
      recipient_sms_notification: 0,
      custom_field_1: 'order 12',
      sender: { mobile: '+6012345678', custom_field_1: '', custom_field_2: 'ref-9', first_name: '' },
    });
    // 150000 + 5000 = 155000 IDR × 0.0003317 = 51.4135 → 51.41 MYR
    expect(stringify(paid.local_value)).toBe('155000');
    expect(stringify(paid.wholesale_price)).toBe('51.41');
  });

  it('answers 1000777 when the balance cannot pay a real payment, and moves nothing', async () => {
    const { gs, ledger } = gsUnderTest();
    ledger.set('MYR', '23.88');
    const error = await failure(() => gs.pay(documentedBody()));
    expect([error.code, error.status, error.message]).toEqual([1000777, 400, 'Insufficient balance']);
    expect(ledger.totals('MYR')).toMatchObject({ available: '23.88', captured: '0' });
    expect(String(gs.quote(159, '123123123123').local_value)).toBe('62973');
  });

  it('answers 1000990 when an external_id is reused', async () => {
    const { gs } = gsUnderTest();
    gs.pay(documentedBody({ simulation: '1' }));
    const error = await failure(() => gs.pay(documentedBody({ account_number: '555000111' })));
    expect([error.code, error.message]).toEqual([1000990, 'External ID already used']);
  });

  it('answers 1000301 and 1000204 on payment for an unknown product or account', async () => {
    const { gs } = gsUnderTest();
    expect((await failure(() => gs.pay(documentedBody({ product_id: '160' })))).code).toBe(1000301);
    expect((await failure(() => gs.pay(documentedBody({ account_number: '42' })))).code).toBe(1000204);
  });

  it.each([
    ['account_number', { account_number: undefined }],
    ['product_id', { product_id: 'PLN' }],
    ['external_id', { external_id: 'ext-1' }],
    ['external_id', { external_id: undefined }],
    ['simulation', { simulation: '2' }],
    ['sender_sms_notification', { sender_sms_notification: 'yes' }],
    ['sender_sms_text', { sender_sms_text: 'x'.repeat(31) }],
    ['recipient_sms_text', { recipient_sms_text: 42 }],
    ['sender', { sender: undefined }],
    ['sender.mobile', { sender: { first_name: 'John' } }],
    ['recipient.mobile', { recipient: { mobile: 'call me' } }],
    ['recipient.email', { recipient: { mobile: '6012234345', email: 'lisa' } }],
    ['custom_field_3', { custom_field_3: { a: 1 } }],
  ])('answers 1000999 naming %s', async (name, overrides) => {
    const { gs } = gsUnderTest();
    const error = await failure(() => gs.pay(documentedBody(overrides)));
    expect([error.code, error.status]).toEqual([1000999, 400]);
    expect(error.message).toMatch(new RegExp(`^Invalid parameter ${name.replace('.', '\\.')}: `));
  });

  it('accepts SMS texts of exactly 30 characters', () => {
    const { gs } = gsUnderTest();
    expect(gs.pay(documentedBody({ sender_sms_text: 'x'.repeat(30) })).sender_sms_text).toBe('x'.repeat(30));
  });

  it('finds a payment by its id and by its external id, and answers 1000404 otherwise', async () => {
    const { gs } = gsUnderTest();
    const paid = gs.pay(documentedBody());
    expect(gs.get(paid.transaction_id as string)).toEqual(paid);
    expect(gs.getByExternalId('14248512386098430')).toEqual(paid);
    expect(gs.all()).toEqual([paid]);
    const missing = await failure(() => gs.get('1'));
    expect([missing.code, missing.status, missing.message]).toEqual([1000404, 404, 'Transaction not found']);
    expect((await failure(() => gs.getByExternalId('1337'))).code).toBe(1000404);
  });
});
