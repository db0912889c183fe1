import { builder } from './builder.js';

/** What `payBill` takes: the bill, the parties G&S needs, and the client's idempotency key. */
const BillPartyInputRef = builder.inputType('BillPartyInput', {
  fields: (t) => ({
    firstName: t.string(),
    middleName: t.string(),
    lastName: t.string(),
    email: t.string(),
  }),
});

const BillSmsInputRef = builder.inputType('BillSmsInput', {
  description: 'An SMS G&S sends about the payment.',
  fields: (t) => ({
    notify: t.boolean({ description: 'Whether to send the SMS.' }),
    text: t.string({ description: 'Custom text, at most 30 characters.' }),
  }),
});

export const PayBillInputRef = builder.inputType('PayBillInput', {
  fields: (t) => ({
    idempotencyKey: t.string({
      required: true,
      description: 'Your key for this payment (1–255 of A-Z a-z 0-9 _ -). Replays return the first result.',
    }),
    productId: t.int({ required: true, description: 'The G&S bill-payment product.' }),
    accountNumber: t.string({ required: true, description: 'The bill or account to pay in full.' }),
    simulation: t.boolean({
      defaultValue: true,
      description: "Only simulate (DT One's default): nothing is charged and the bill stays unpaid.",
    }),
    senderMobile: t.field({ type: 'PhoneNumber', required: true }),
    recipientMobile: t.field({ type: 'PhoneNumber', required: true }),
    sender: t.field({ type: BillPartyInputRef }),
    recipient: t.field({ type: BillPartyInputRef }),
    senderSms: t.field({ type: BillSmsInputRef }),
    recipientSms: t.field({ type: BillSmsInputRef }),
    customFields: t.stringList({ description: 'Up to three free texts kept with the payment.' }),
  }),
});
