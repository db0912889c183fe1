import type { Product } from '../datasources/dtone/types.js';
import { Decimal } from '../money/decimal.js';
import { CATALOGUE } from './auth.js';
import { builder } from './builder.js';

type Of<T extends Product['type']> = Extract<Product, { type: T }>;
type Fixed = Of<'FIXED_VALUE_RECHARGE' | 'FIXED_VALUE_PIN_PURCHASE'>;
type WithPin = Of<'FIXED_VALUE_PIN_PURCHASE' | 'RANGED_VALUE_PIN_PURCHASE'>;

/** The small types a product carries (validity, required fields, rates, PIN and payment information). */
export const TimeUnitEnum = builder.enumType('TimeUnit', {
  values: ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const,
});
export const AvailabilityZoneEnum = builder.enumType('AvailabilityZone', {
  values: ['DOMESTIC', 'INTERNATIONAL'] as const,
});
export const CalculationModeEnum = builder.enumType('CalculationMode', {
  description: 'Which side of a ranged product the caller fixes: what is paid (source) or what is delivered.',
  values: ['SOURCE_AMOUNT', 'DESTINATION_AMOUNT'] as const,
});
export const PaymentModeEnum = builder.enumType('PaymentMode', {
  values: ['PARTIAL', 'EXACT', 'EXCESS', 'PAST_DUE'] as const,
});

export interface ValidityShape {
  unit: string;
  quantity: number | null;
}

export const ValidityRef = builder.objectRef<ValidityShape>('Validity').implement({
  authScopes: CATALOGUE,
  description: 'How long a product stays valid once delivered.',
  fields: (t) => ({
    unit: t.field({ type: TimeUnitEnum, resolve: (v) => v.unit as 'DAY' }),
    quantity: t.int({
      nullable: true,
      description: 'Null when DT One does not know.',
      resolve: (v) => (v.quantity === -1 ? null : v.quantity),
    }),
    unlimited: t.boolean({ resolve: (v) => v.quantity === -1 }),
  }),
});

interface RequiredFieldsShape {
  creditParty: string[][];
  debitParty: string[][];
  sender: string[][];
  beneficiary: string[][];
  statement: string[][];
  additional: string[][];
}

export const RequiredFieldsRef = builder.objectRef<RequiredFieldsShape>('RequiredFields').implement({
  authScopes: CATALOGUE,
  description:
    'What a transaction for this product must carry. Each list holds alternatives; every field of one alternative is needed.',
  fields: (t) => ({
    creditParty: t.field({ type: t.listRef(t.listRef('String')), resolve: (r) => r.creditParty }),
    debitParty: t.field({ type: t.listRef(t.listRef('String')), resolve: (r) => r.debitParty }),
    sender: t.field({ type: t.listRef(t.listRef('String')), resolve: (r) => r.sender }),
    beneficiary: t.field({ type: t.listRef(t.listRef('String')), resolve: (r) => r.beneficiary }),
    statement: t.field({ type: t.listRef(t.listRef('String')), resolve: (r) => r.statement }),
    additional: t.field({ type: t.listRef(t.listRef('String')), resolve: (r) => r.additional }),
  }),
});

interface RatesShape {
  base: string;
  wholesale: string;
  retail: string | null;
}

export const RatesRef = builder.objectRef<RatesShape>('Rates').implement({
  authScopes: CATALOGUE,
  description:
    'Exchange rates: destination amount per unit of source amount, of wholesale price, and of retail price.',
  fields: (t) => ({
    base: t.field({ type: 'Decimal', resolve: (r) => r.base }),
    wholesale: t.field({ type: 'Decimal', resolve: (r) => r.wholesale }),
    retail: t.field({
      type: 'Decimal',
      nullable: true,
      description:
        'Null when no retail price is configured; "-1" when the retail price is zero (infinite rate).',
      resolve: (r) => r.retail,
    }),
  }),
});

type PinInfo = NonNullable<WithPin['pin']>;
export const PinInfoRef = builder.objectRef<PinInfo>('PinInfo').implement({
  authScopes: CATALOGUE,
  description: 'How the PIN a purchase returns is used.',
  fields: (t) => ({
    usageInfo: t.stringList({ resolve: (p) => p.usage_info ?? [] }),
    validity: t.field({ type: ValidityRef, nullable: true, resolve: (p) => p.validity ?? null }),
    terms: t.string({ nullable: true, description: 'Markdown.', resolve: (p) => p.terms ?? null }),
  }),
});

type PaymentInfo = Of<'RANGED_VALUE_PAYMENT'>['payment'];
export const PaymentInfoRef = builder.objectRef<PaymentInfo>('PaymentInfo').implement({
  authScopes: CATALOGUE,
  description: 'How a bill payment product settles.',
  fields: (t) => ({
    modes: t.field({ type: [PaymentModeEnum], resolve: (p) => p.modes ?? [] }),
    postingPeriod: t.string({
      nullable: true,
      description: 'e.g. "2 DAY BUSINESS".',
      resolve: (p) =>
        p.posting_period
          ? `${p.posting_period.quantity} ${p.posting_period.unit} ${p.posting_period.type}`
          : null,
    }),
    supportsStatementInquiry: t.boolean({ resolve: (p) => p.supports_statement_inquiry }),
    requiredInquiryFields: t.field({
      type: t.listRef(t.listRef('String')),
      resolve: (p) => p.required_inquiry_fields ?? [],
    }),
    notes: t.stringList({ resolve: (p) => p.notes ?? [] }),
  }),
});

export function requiredFieldsOf(p: Product): RequiredFieldsShape {
  const w = p as unknown as Partial<Record<string, string[][] | null>>;
  return {
    creditParty: w.required_credit_party_identifier_fields ?? [],
    debitParty: w.required_debit_party_identifier_fields ?? [],
    sender: w.required_sender_fields ?? [],
    beneficiary: w.required_beneficiary_fields ?? [],
    statement: w.required_statement_identifier_fields ?? [],
    additional: w.required_additional_identifier_fields ?? [],
  };
}

export function ratesOf(p: Product): RatesShape | null {
  const rates = (p as { rates?: Fixed['rates'] }).rates;
  if (!rates) return null;
  return {
    base: Decimal.fromWire(rates.base),
    wholesale: Decimal.fromWire(rates.wholesale),
    retail: rates.retail === null || rates.retail === undefined ? null : Decimal.fromWire(rates.retail),
  };
}
