import type { components, operations } from './generated/dvs.js';

type Ok<
  K extends keyof operations,
  S extends keyof operations[K]['responses'],
> = operations[K]['responses'][S] extends {
  content: { 'application/json': infer T };
}
  ? T
  : never;

type Query<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

type Body<K extends keyof operations> =
  NonNullable<operations[K]['requestBody']> extends {
    content: { 'application/json': infer T };
  }
    ? T
    : never;

/** The `all*()` helpers choose the page themselves; `per_page` stays open and defaults to 100 (DT One's most). */
export type PageQueryKey = 'page';

export type Service = Ok<'getServiceById', 200>;
export type Country = Ok<'getCountryByIsoCode', 200>;
export type Operator = Ok<'getOperatorById', 200>;
export type BenefitType = Ok<'getBenefitTypes', 200>[number];
export type Promotion = Ok<'getPromotionById', 200>;
export type Campaign = Ok<'getCampaignById', 200>;
/** A product as the spec defines it; at run time a `type` unknown to the spec passes through untouched. */
export type Product = Ok<'getProductById', 200>;
export type Transaction = Ok<'getTransactionById', 200>;
export type Balance = Ok<'getBalances', 200>[number];
export type MobileNumberOperator = Ok<'postLookupMobileNumber', 200>[number];
export type Statement = Ok<'postLookupStatementInquiry', 200>[number];
export type CreditPartyBenefit = Ok<'postLookupCreditPartyBenefits', 200>[number];
export type CreditPartyStatus = Ok<'postLookupCreditPartyStatus', 200>;

export type ServicesQuery = Query<'getServices'>;
export type CountriesQuery = Query<'getCountries'>;
export type OperatorsQuery = Query<'getOperators'>;
export type BenefitTypesQuery = Query<'getBenefitTypes'>;
export type PromotionsQuery = Query<'getPromotions'>;
export type CampaignsQuery = Query<'getCampaigns'>;
export type ProductsQuery = Query<'getProducts'>;
export type TransactionsQuery = Query<'getTransactions'>;
export type BalancesQuery = Query<'getBalances'>;
export type MobileNumberLegacyQuery = Query<'getLookupMobileNumber'>;

export type MobileNumberLookupBody = Body<'postLookupMobileNumber'>;
export type StatementInquiryBody = Body<'postLookupStatementInquiry'>;
export type CreditPartyBenefitsBody = Body<'postLookupCreditPartyBenefits'>;
export type CreditPartyStatusBody = Body<'postLookupCreditPartyStatus'>;

/** Fields of the shared transaction schema that only DT One writes. */
type ResponseOnlyKey =
  | 'id'
  | 'creation_date'
  | 'confirmation_expiration_date'
  | 'confirmation_date'
  | 'status'
  | 'operator_reference'
  | 'pin'
  | 'product'
  | 'prices'
  | 'rates'
  | 'benefits'
  | 'promotions'
  | 'requested_values'
  | 'adjusted_values'
  | 'metadata';

/**
 * Body of `POST /async/transactions` (and of the sync variant, whose schema lacks `callback_url`).
 * `auto_confirm` is optional: DT One defaults it to false. Amounts are decimal strings or safe integers.
 */
export type CreateTransactionBody = Omit<Body<'postTransactionAsync'>, ResponseOnlyKey | 'auto_confirm'> & {
  auto_confirm?: boolean;
};

/** int64 on the wire: a safe integer, or its digits when larger. */
export type TransactionId = components['schemas']['transaction_id'] | string;

export type TransactionMode = 'async' | 'sync';
