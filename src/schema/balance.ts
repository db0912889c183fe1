import type { Balance } from '../datasources/dtone/types.js';
import { Money } from '../money/money.js';
import { ADMIN } from './auth.js';
import { builder } from './builder.js';
import { MoneyRef } from './money.js';

const BalanceRef = builder.objectRef<Balance>('Balance');

builder.node(BalanceRef, {
  description: "The account's money in one currency at DT One. Read again after at most a few seconds.",
  authScopes: ADMIN,
  id: { resolve: (b) => b.id, parse: Number },
  loadOne: async (id, ctx) => {
    const found = (await ctx.reader.all({ resource: 'balances' })).find((b) => b.id === id);
    // Cached answers are frozen, and the relay plugin brands the object it loads with its type.
    return found ? { ...found } : null;
  },
  fields: (t) => ({
    balanceId: t.exposeInt('id', { description: "DT One's balance id." }),
    unit: t.field({ type: 'CurrencyCode', resolve: (b) => b.unit }),
    available: t.field({
      type: MoneyRef,
      description: 'What transactions can still spend.',
      resolve: (b) => Money.fromWire(b.available, b.unit),
    }),
    holding: t.field({
      type: MoneyRef,
      description: 'Held for transactions created and not yet settled.',
      resolve: (b) => Money.fromWire(b.holding, b.unit),
    }),
    creditLimit: t.field({
      type: MoneyRef,
      description: 'How far below zero DT One lets the account go.',
      resolve: (b) => Money.fromWire(b.credit_limit, b.unit),
    }),
  }),
});

builder.queryField('balances', (t) =>
  t.field({
    type: [BalanceRef],
    description: "The DT One account's balances, optionally of one currency (the admin scope only).",
    args: { unit: t.arg({ type: 'CurrencyCode' }) },
    skipTypeScopes: true,
    authScopes: ADMIN,
    resolve: (_root, { unit }, ctx) =>
      ctx.reader.all({ resource: 'balances', filters: { unit: unit ?? undefined } }),
  }),
);
