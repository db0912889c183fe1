import type { LosslessNumber } from 'lossless-json';

/**
 * The sandbox's catalogue: DT One's discovery data, generated once per seed.
 *
 * Every `json` value is already shaped exactly as the DVS spec (`spec/dvs-api-spec.json`) says the
 * endpoint answers it (snake_case, required and nullable fields present). Amounts, rates and fees are
 * `LosslessNumber`s so that `lossless-json`'s `stringify` writes them as exact JSON numbers (`20.89`).
 * The sandbox never reuses the gateway's client code or types: it is typed loosely on purpose and its
 * answers are validated against the spec in tests.
 */
export type JsonValue = string | number | boolean | null | LosslessNumber | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type Language = 'en' | 'es' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'es', 'fr'];

export type ProductType =
  | 'FIXED_VALUE_RECHARGE'
  | 'RANGED_VALUE_RECHARGE'
  | 'FIXED_VALUE_PIN_PURCHASE'
  | 'RANGED_VALUE_PIN_PURCHASE'
  | 'RANGED_VALUE_PAYMENT';

export interface ServiceEntry {
  id: number;
  /** `GET /services/{id}` body. */
  json: JsonObject;
  subserviceIds: number[];
  /** ISO alpha-3 codes of the countries with at least one product of this service. */
  countryIsoCodes: Set<string>;
}

export interface CountryEntry {
  isoCode: string;
  /** `GET /countries/{iso}` body: `{ name, iso_code, regions }`. */
  json: JsonObject;
  /** ISO 3166-1 alpha-2, used for E.164 look-ups. */
  alpha2: string;
  /** Local currency (ISO 4217) of the country's products. */
  currency: string;
  /** E.164 country calling code without `+`, e.g. `"65"`. */
  callingCode: string;
  serviceIds: Set<number>;
  subserviceIds: Set<number>;
}

export interface OperatorEntry {
  id: number;
  /** `GET /operators/{id}` body: `{ id, name, country, regions }`. */
  json: JsonObject;
  countryIsoCode: string;
  serviceIds: Set<number>;
  subserviceIds: Set<number>;
  /**
   * National-number prefixes (after the calling code) that this operator serves. Mobile look-ups
   * identify an operator when the number starts with `+<callingCode><prefix>`.
   */
  mobilePrefixes: string[];
}

export interface ProductEntry {
  id: number;
  type: ProductType;
  /** Spec-shaped `Product` body per language (names, descriptions, benefit info, PIN texts translated). */
  json: Record<Language, JsonObject>;
  serviceId: number;
  subserviceId: number | null;
  operatorId: number;
  countryIsoCode: string;
  /** ISO 3166-2 codes of the product's `regions` (may be empty). */
  regionCodes: string[];
  tags: string[];
  benefitTypes: string[];
  /** Destination amount used by `sort=amount` (fixed: amount; ranged: min), exact decimal text. */
  sortAmount: string;
  /** Names per language, used by `sort=name`. */
  name: Record<Language, string>;
}

export interface PromotionEntry {
  id: number;
  json: Record<Language, JsonObject>;
  operatorId: number;
  countryIsoCode: string;
  productIds: number[];
}

export interface CampaignEntry {
  id: number;
  json: JsonObject;
  operatorIds: number[];
  countryIsoCodes: string[];
  productIds: number[];
}

/**
 * One balance per account currency. A product's `prices.wholesale.unit` names the balance that pays for
 * it; at least two currencies exist and products are priced in each.
 */
export interface BalanceSeed {
  id: number;
  unit: string;
  /** Exact decimal text. */
  available: string;
  creditLimit: string;
}

/** A Goods & Services variable-value bill-payment product (legacy TransferTo API). */
export interface GsProduct {
  productId: number;
  productName: string;
  productShortDesc: string;
  operatorId: number;
  operator: string;
  countryId: number;
  country: string;
  serviceId: number;
  service: string;
  /** Currency of the partner account that pays (one of the balances' units), e.g. USD. */
  accountCurrency: string;
  /** Local currency of the bill (e.g. IDR). */
  localCurrency: string;
  /** Payment fee charged by the biller, in local currency, exact decimal text. */
  paymentFee: string;
  /** Wholesale rate: account-currency units per 1 local-currency unit, exact decimal text. */
  wholesaleRate: string;
  /** Retail rate, same unit as `wholesaleRate`. */
  retailRate: string;
  /** DT One's fee in account currency, exact decimal text. */
  fee: string;
}

/** A bill account a G&S quote can be asked for. */
export interface GsAccount {
  productId: number;
  accountNumber: string;
  /** Account holder's name, as the biller returns it. */
  name: string;
  /** Amount due in the product's local currency, exact decimal text. */
  amountDue: string;
}

export interface Catalogue {
  seed: number;
  services: ServiceEntry[];
  countries: CountryEntry[];
  operators: OperatorEntry[];
  benefitTypes: JsonObject[];
  products: ProductEntry[];
  promotions: PromotionEntry[];
  campaigns: CampaignEntry[];
  balances: BalanceSeed[];
  gsProducts: GsProduct[];
  gsAccounts: GsAccount[];
  byId: {
    service: Map<number, ServiceEntry>;
    country: Map<string, CountryEntry>;
    operator: Map<number, OperatorEntry>;
    product: Map<number, ProductEntry>;
    promotion: Map<number, PromotionEntry>;
    campaign: Map<number, CampaignEntry>;
    gsProduct: Map<number, GsProduct>;
  };
}
