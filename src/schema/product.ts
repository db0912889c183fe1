import type { Product } from '../datasources/dtone/types.js';
import { ErrorCode, notFound } from '../errors.js';
import { moneyFromWire } from '../money/wire-money.js';
import { CATALOGUE } from './auth.js';
import { BenefitRef, benefitsOf } from './benefit.js';
import { builder } from './builder.js';
import { sliceConnection, windowConnection } from './connection.js';
import {
  MoneyRangeRef,
  MoneyRef,
  PriceRangeRef,
  PriceRef,
  priceFromWire,
  priceRangeFromWire,
  rangeFromWire,
} from './money.js';
import {
  AvailabilityZoneEnum,
  CalculationModeEnum,
  PaymentInfoRef,
  PinInfoRef,
  RatesRef,
  RequiredFieldsRef,
  ratesOf,
  requiredFieldsOf,
  ValidityRef,
  type ValidityShape,
} from './product-details.js';
import { ProductFilterRef, ProductSortEnum, toProductFilters } from './product-filter.js';
import {
  OperatorRef,
  ProductRef,
  type ProductShape,
  PromotionRef,
  RegionRef,
  ServiceRef,
  SubserviceRef,
} from './refs.js';

type Of<T extends Product['type']> = Extract<Product, { type: T }>;
type Fixed = Of<'FIXED_VALUE_RECHARGE' | 'FIXED_VALUE_PIN_PURCHASE'>;
type Ranged = Of<'RANGED_VALUE_RECHARGE' | 'RANGED_VALUE_PIN_PURCHASE' | 'RANGED_VALUE_PAYMENT'>;
type WithPin = Of<'FIXED_VALUE_PIN_PURCHASE' | 'RANGED_VALUE_PIN_PURCHASE'>;

const KNOWN_TYPES: Record<string, string> = {
  FIXED_VALUE_RECHARGE: 'FixedValueRechargeProduct',
  RANGED_VALUE_RECHARGE: 'RangedValueRechargeProduct',
  FIXED_VALUE_PIN_PURCHASE: 'FixedValuePinPurchaseProduct',
  RANGED_VALUE_PIN_PURCHASE: 'RangedValuePinPurchaseProduct',
  RANGED_VALUE_PAYMENT: 'RangedValuePaymentProduct',
};

const isRanged = (p: Product): p is Ranged => p.type.startsWith('RANGED_');
const isFixed = (p: Product): p is Fixed => p.type.startsWith('FIXED_');

builder.interfaceType(ProductRef, {
  authScopes: CATALOGUE,
  description: 'Something an end user buys: a top-up, a bundle, a gift-card PIN or a bill payment.',
  interfaces: [builder.nodeInterfaceRef()],
  resolveType: (p) => KNOWN_TYPES[p.data.type] ?? 'UnknownProduct',
  fields: (t) => ({
    productId: t.int({ description: "DT One's product id.", resolve: (p) => p.data.id }),
    type: t.string({
      description: "DT One's product type, as sent (also for types newer than this gateway).",
      resolve: (p) => p.data.type,
    }),
    name: t.string({ resolve: (p) => p.data.name }),
    description: t.string({ resolve: (p) => p.data.description }),
    tags: t.stringList({ resolve: (p) => p.data.tags ?? [] }),
    service: t.field({
      type: ServiceRef,
      description: 'As DT One embeds it in the product (its subservices are not listed here).',
      resolve: (p) => ({ id: p.data.service.id, name: p.data.service.name, subservices: null }),
    }),
    subservice: t.field({
      type: SubserviceRef,
      nullable: true,
      resolve: (p) => {
        const sub = p.data.service.subservice;
        return sub?.id !== undefined && sub.name !== undefined
          ? { id: sub.id, name: sub.name, serviceId: p.data.service.id }
          : null;
      },
    }),
    operator: t.field({
      type: OperatorRef,
      description: 'The operator embedded in the product: no extra call.',
      resolve: (p) => p.data.operator,
    }),
    regions: t.field({ type: [RegionRef], resolve: (p) => p.data.regions ?? [] }),
    validity: t.field({
      type: ValidityRef,
      nullable: true,
      resolve: (p) => (p.data as { validity?: ValidityShape | null }).validity ?? null,
    }),
    availabilityZones: t.field({
      type: [AvailabilityZoneEnum],
      resolve: (p) =>
        (p.data as { availability_zones?: ('DOMESTIC' | 'INTERNATIONAL')[] }).availability_zones ?? [],
    }),
    requiredFields: t.field({ type: RequiredFieldsRef, resolve: (p) => requiredFieldsOf(p.data) }),
    rates: t.field({ type: RatesRef, nullable: true, resolve: (p) => ratesOf(p.data) }),
    benefits: t.field({ type: [BenefitRef], resolve: (p) => benefitsOf(p.data) }),
    promotions: t.connection(
      {
        type: PromotionRef,
        description: "Promotions that include this product (the country's promotions are read in one call).",
        resolve: async (p, args, ctx) => {
          const promotions = await ctx.loaders.productPromotions.load({
            productId: p.data.id,
            countryIso: p.data.operator.country.iso_code,
            language: p.language,
          });
          return sliceConnection(
            args,
            promotions.map((data) => ({ data, language: p.language })),
          );
        },
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
    ),
  }),
});

/** One object type per DVS product type; fixed and ranged types differ in their amounts, PINs and payments. */
function productType(name: string, dvsType: Product['type']) {
  const ranged = dvsType.startsWith('RANGED_');
  const pin = dvsType.endsWith('_PIN_PURCHASE');
  const payment = dvsType === 'RANGED_VALUE_PAYMENT';
  const ref = builder.objectRef<ProductShape>(name);
  builder.node(ref, {
    authScopes: CATALOGUE,
    interfaces: [ProductRef],
    isTypeOf: (p) => (p as Partial<ProductShape>).data?.type === dvsType,
    id: { resolve: (p) => p.data.id, parse: Number },
    loadOne: async (id, ctx) => {
      const data =
        Number.isSafeInteger(id) && id > 0
          ? await ctx.loaders.product.load({ productId: id, language: ctx.language })
          : null;
      return data && data.type === dvsType ? { data, language: ctx.language } : null;
    },
    fields: (t) => ({
      ...(ranged
        ? {
            source: t.field({
              type: MoneyRangeRef,
              nullable: true,
              resolve: (p) => (isRanged(p.data) ? rangeFromWire(p.data.source) : null),
            }),
            destination: t.field({
              type: MoneyRangeRef,
              nullable: true,
              resolve: (p) => (isRanged(p.data) ? rangeFromWire(p.data.destination) : null),
            }),
            wholesalePrice: t.field({
              type: PriceRangeRef,
              nullable: true,
              resolve: (p) => (isRanged(p.data) ? priceRangeFromWire(p.data.prices.wholesale) : null),
            }),
            retailPrice: t.field({
              type: PriceRangeRef,
              nullable: true,
              resolve: (p) => (isRanged(p.data) ? priceRangeFromWire(p.data.prices.retail) : null),
            }),
            acceptedCalculationModes: t.field({
              type: [CalculationModeEnum],
              resolve: (p) => (isRanged(p.data) ? (p.data.accepted_calculation_modes ?? []) : []),
            }),
          }
        : {
            source: t.field({
              type: MoneyRef,
              nullable: true,
              resolve: (p) => (isFixed(p.data) ? moneyFromWire(p.data.source) : null),
            }),
            destination: t.field({
              type: MoneyRef,
              nullable: true,
              resolve: (p) => (isFixed(p.data) ? moneyFromWire(p.data.destination) : null),
            }),
            wholesalePrice: t.field({
              type: PriceRef,
              nullable: true,
              resolve: (p) => (isFixed(p.data) ? priceFromWire(p.data.prices.wholesale) : null),
            }),
            retailPrice: t.field({
              type: PriceRef,
              nullable: true,
              resolve: (p) => (isFixed(p.data) ? priceFromWire(p.data.prices.retail) : null),
            }),
          }),
      ...(pin && {
        pin: t.field({
          type: PinInfoRef,
          nullable: true,
          resolve: (p) => (p.data.type.endsWith('_PIN_PURCHASE') ? ((p.data as WithPin).pin ?? null) : null),
        }),
      }),
      ...(payment && {
        payment: t.field({
          type: PaymentInfoRef,
          nullable: true,
          resolve: (p) => (p.data.type === 'RANGED_VALUE_PAYMENT' ? p.data.payment : null),
        }),
      }),
    }),
  });
  return ref;
}

productType('FixedValueRechargeProduct', 'FIXED_VALUE_RECHARGE');
productType('RangedValueRechargeProduct', 'RANGED_VALUE_RECHARGE');
productType('FixedValuePinPurchaseProduct', 'FIXED_VALUE_PIN_PURCHASE');
productType('RangedValuePinPurchaseProduct', 'RANGED_VALUE_PIN_PURCHASE');
productType('RangedValuePaymentProduct', 'RANGED_VALUE_PAYMENT');

const UnknownProductRef = builder.objectRef<ProductShape>('UnknownProduct');
builder.node(UnknownProductRef, {
  authScopes: CATALOGUE,
  description:
    'A product of a type DT One added after this gateway was built: its common fields still answer.',
  interfaces: [ProductRef],
  isTypeOf: (p) => {
    const type = (p as Partial<ProductShape>).data?.type;
    return typeof type === 'string' && !(type in KNOWN_TYPES);
  },
  id: { resolve: (p) => p.data.id, parse: Number },
  loadOne: async (id, ctx) => {
    const data =
      Number.isSafeInteger(id) && id > 0
        ? await ctx.loaders.product.load({ productId: id, language: ctx.language })
        : null;
    return data && !(data.type in KNOWN_TYPES) ? { data, language: ctx.language } : null;
  },
  fields: () => ({}),
});

builder.queryFields((t) => ({
  products: t.connection(
    {
      type: ProductRef,
      description: "DT One's products, filtered and sorted as its `GET /products` allows.",
      args: {
        filter: t.arg({ type: ProductFilterRef }),
        countryIsoCode: t.arg({ type: 'CountryCode' }),
        operatorId: t.arg.int(),
        sort: t.arg({ type: [ProductSortEnum] }),
      },
      resolve: (_root, args, ctx) =>
        windowConnection(args, async (offset, limit) => {
          const filters = toProductFilters({
            ...args.filter,
            sort: args.sort,
            countryIsoCode: args.countryIsoCode,
            operatorId: args.operatorId,
          });
          const window = await ctx.reader.window(
            { resource: 'products', filters, language: ctx.language },
            offset,
            limit,
          );
          return {
            total: window.total,
            items: window.items.map((data) => ({ data, language: ctx.language })),
          };
        }),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
  ),
  product: t.field({
    type: ProductRef,
    nullable: true,
    args: { id: t.arg.int({ required: true, description: "DT One's product id." }) },
    resolve: async (_root, { id }, ctx) => {
      const data = await ctx.loaders.product.load({ productId: id, language: ctx.language });
      if (!data) throw notFound(`Product ${id}`, ErrorCode.PRODUCT_UNAVAILABLE);
      return { data, language: ctx.language };
    },
  }),
}));
