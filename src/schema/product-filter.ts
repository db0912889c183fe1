import { GraphQLError } from 'graphql';
import type { ProductFilters } from '../datasources/loaders.js';
import { builder } from './builder.js';

export const ProductTypeEnum = builder.enumType('ProductType', {
  description: "DT One's product types.",
  values: [
    'FIXED_VALUE_RECHARGE',
    'RANGED_VALUE_RECHARGE',
    'FIXED_VALUE_PIN_PURCHASE',
    'RANGED_VALUE_PIN_PURCHASE',
    'RANGED_VALUE_PAYMENT',
  ] as const,
});

export const BenefitTypeNameEnum = builder.enumType('BenefitTypeName', {
  values: ['TALKTIME', 'DATA', 'SMS', 'PAYMENT', 'CREDITS'] as const,
});

export const ProductSortEnum = builder.enumType('ProductSort', {
  description: 'Sort orders DT One offers on products (amount is the destination amount).',
  values: {
    ID_ASC: { value: 'id' },
    ID_DESC: { value: '-id' },
    NAME_ASC: { value: 'name' },
    NAME_DESC: { value: '-name' },
    AMOUNT_ASC: { value: 'amount' },
    AMOUNT_DESC: { value: '-amount' },
  } as const,
});

const TAG = /^[A-Z0-9_]{4,16}$/;
const REGION = /^[A-Z]{2,3}(?:-[A-Z0-9]{2,3}(?:-[A-Z]{2})?)?$/;

export const ProductFilterRef = builder.inputType('ProductFilter', {
  description: "Filters of DT One's product list; each maps onto one query parameter of `GET /products`.",
  fields: (t) => ({
    type: t.field({ type: ProductTypeEnum }),
    serviceId: t.int(),
    subserviceId: t.int({ description: 'Needs serviceId, as DT One does.' }),
    tags: t.stringList({ description: 'Products with any of these tags.' }),
    region: t.string({ description: 'An ISO 3166-2 region, or a country code for everything covering it.' }),
    benefitTypes: t.field({
      type: [BenefitTypeNameEnum],
      description: 'Products with any of these benefits.',
    }),
  }),
});

export interface ProductFilterInput {
  type?: string | null;
  serviceId?: number | null;
  subserviceId?: number | null;
  tags?: readonly string[] | null;
  region?: string | null;
  benefitTypes?: readonly string[] | null;
  sort?: readonly string[] | null;
  countryIsoCode?: string | null;
  operatorId?: number | null;
}

/** Maps GraphQL filter arguments onto DT One's `GET /products` query parameters, refusing what DT One would. */
export function toProductFilters(input: ProductFilterInput): ProductFilters {
  const bad = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
  if (input.subserviceId != null && input.serviceId == null) throw bad('subserviceId needs serviceId');
  if (input.tags?.some((tag) => !TAG.test(tag))) throw bad('tags are 4 to 16 of A-Z, 0-9 and _');
  if (input.region != null && !REGION.test(input.region)) throw bad('region must be an ISO 3166-2 code');
  const list = (values: readonly string[] | null | undefined) =>
    values && values.length > 0 ? [...new Set(values)].join(',') : undefined;
  return {
    type: input.type ?? undefined,
    service_id: input.serviceId ?? undefined,
    subservice_id: input.subserviceId ?? undefined,
    tags: list(input.tags),
    region: input.region ?? undefined,
    benefit_types: list(input.benefitTypes),
    sort: list(input.sort),
    country_iso_code: input.countryIsoCode ?? undefined,
    operator_id: input.operatorId ?? undefined,
  };
}
