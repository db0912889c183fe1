import type { Product } from '../datasources/dtone/types.js';
import { Decimal } from '../money/decimal.js';
import type { WireNumber } from '../money/json.js';
import { CATALOGUE } from './auth.js';
import { builder } from './builder.js';

interface DecimalRange {
  min: Decimal;
  max: Decimal;
}

export interface BenefitShape {
  type: string;
  unitType: string;
  unit: string;
  base: DecimalRange;
  promotionBonus: DecimalRange;
  totalExcludingTax: DecimalRange;
  totalIncludingTax: DecimalRange;
  additionalInformation: string | null;
}

const DecimalRangeRef = builder.objectRef<DecimalRange>('DecimalRange').implement({
  description: 'An inclusive range of exact values; min equals max for a fixed product.',
  fields: (t) => ({
    min: t.field({ type: 'Decimal', resolve: (r) => r.min }),
    max: t.field({ type: 'Decimal', resolve: (r) => r.max }),
  }),
});

export const BenefitRef = builder.objectRef<BenefitShape>('Benefit').implement({
  authScopes: CATALOGUE,
  description: 'What the end user receives (talk time, data, SMS, credit, a payment). "-1" means unlimited.',
  fields: (t) => ({
    type: t.exposeString('type', {
      description: 'TALKTIME, DATA, SMS, PAYMENT or CREDITS (or a newer type).',
    }),
    unitType: t.exposeString('unitType', { description: 'TIME, DATA, QUANTITY or CURRENCY.' }),
    unit: t.exposeString('unit'),
    base: t.field({ type: DecimalRangeRef, resolve: (b) => b.base }),
    promotionBonus: t.field({ type: DecimalRangeRef, resolve: (b) => b.promotionBonus }),
    totalExcludingTax: t.field({ type: DecimalRangeRef, resolve: (b) => b.totalExcludingTax }),
    totalIncludingTax: t.field({
      type: DecimalRangeRef,
      description: 'What the end user actually receives.',
      resolve: (b) => b.totalIncludingTax,
    }),
    unlimited: t.boolean({ resolve: (b) => b.base.max === '-1' || b.base.min === '-1' }),
    additionalInformation: t.string({ nullable: true, resolve: (b) => b.additionalInformation }),
  }),
});

type WireAmount = WireNumber | { min: WireNumber; max: WireNumber } | undefined;

const range = (a: WireAmount): DecimalRange => {
  if (a === undefined) return { min: Decimal.parse('0'), max: Decimal.parse('0') };
  if (typeof a === 'object') return { min: Decimal.fromWire(a.min), max: Decimal.fromWire(a.max) };
  const v = Decimal.fromWire(a);
  return { min: v, max: v };
};

/** Fixed and ranged benefits in one shape. */
export function benefitsOf(product: Product): BenefitShape[] {
  const benefits = (product as { benefits?: unknown[] | null }).benefits ?? [];
  return benefits.map((raw) => {
    const b = raw as {
      type: string;
      unit_type: string;
      unit: string;
      amount: Record<string, WireAmount>;
      additional_information?: string | null;
    };
    return {
      type: b.type,
      unitType: b.unit_type,
      unit: b.unit,
      base: range(b.amount.base),
      promotionBonus: range(b.amount.promotion_bonus),
      totalExcludingTax: range(b.amount.total_excluding_tax),
      totalIncludingTax: range(b.amount.total_including_tax),
      additionalInformation: b.additional_information ?? null,
    };
  });
}
