import type { BenefitType } from '../datasources/dtone/types.js';
import { CATALOGUE } from './auth.js';
import { builder } from './builder.js';

const BenefitTypeRef = builder.objectRef<BenefitType>('BenefitType');

builder.node(BenefitTypeRef, {
  authScopes: CATALOGUE,
  description: 'A kind of benefit products deliver; products can be filtered by it.',
  id: { resolve: (b) => b.name },
  loadOne: async (name, ctx) => {
    const found = (await ctx.reader.all({ resource: 'benefitTypes' })).find((b) => b.name === name);
    // Cached answers are frozen, and the relay plugin brands the object it loads with its type.
    return found ? { ...found } : null;
  },
  fields: (t) => ({
    name: t.string({
      description: 'TALKTIME, DATA, SMS, PAYMENT or CREDITS (or a newer type).',
      resolve: (b) => b.name,
    }),
  }),
});

builder.queryField('benefitTypes', (t) =>
  t.field({
    type: [BenefitTypeRef],
    description: 'Every benefit type DT One knows.',
    resolve: (_root, _args, ctx) => ctx.reader.all({ resource: 'benefitTypes' }),
  }),
);
