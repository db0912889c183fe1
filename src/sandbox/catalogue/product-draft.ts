import { Dec } from './amounts.js';
import type { Region } from './build-countries.js';
import type { OperatorPlan } from './build-operators.js';
import type { PricingPlan } from './product-pricing.js';
import type {
  BenefitInfoKey,
  BillProductName,
  DataUnit,
  Localised,
  PackageName,
  ValidityUnit,
} from './reference/texts.js';
import type { JsonValue, ProductType } from './types.js';

/**
 * A product before it is rendered per language: every language-independent part is final JSON, the words
 * are described by `text`, and benefits keep exact amounts so a running promotion can add its bonus.
 */
export interface ProductDraft {
  id: number;
  type: ProductType;
  operator: OperatorPlan;
  subserviceId: number | null;
  tag: string | null;
  regions: Region[];
  validity: JsonValue;
  requirements: Requirements;
  /** Ranged types only. */
  calculationModes?: string[];
  availabilityZones: string[];
  pricing: PricingPlan;
  benefits: BenefitDraft[];
  text: TextSpec;
  /** PIN types only: the brand named in the usage texts, and the PIN's own validity. */
  pin?: { brand: string; validity: JsonValue };
  /** `RANGED_VALUE_PAYMENT` only. */
  payment?: PaymentDraft;
}

type FieldList = string[][];

export interface Requirements {
  debit: FieldList | null;
  credit: FieldList | null;
  sender: FieldList | null;
  beneficiary: FieldList | null;
  statement: FieldList | null;
  additional: FieldList | null;
}

/** An exact amount: canonical decimal text or a decimal (parsed only when the product is rendered). */
export type Exact = string | Dec;

export type BenefitType = 'TALKTIME' | 'DATA' | 'SMS' | 'PAYMENT' | 'CREDITS';
export type BenefitUnitType = 'TIME' | 'DATA' | 'QUANTITY' | 'CURRENCY';

export interface BenefitDraft {
  type: BenefitType;
  unitType: BenefitUnitType;
  unit: string;
  /** Exact base amount(s), as decimal text or a decimal; `-1` means unlimited. */
  base: Exact | { min: Exact; max: Exact };
  /** Fraction the operator deducts as tax from what the subscriber receives (currency benefits). */
  tax: Dec;
  /** Whether a running promotion adds a bonus to this benefit. */
  promotable: boolean;
  info: BenefitInfoKey | null;
}

export interface PaymentDraft {
  modes: string[] | null;
  postingPeriod: JsonValue;
  supportsStatementInquiry: boolean;
  requiredInquiryFields: FieldList | null;
  /** Posting days and whether partial payments are allowed, for the translated notes; null = no notes. */
  notes: { postingDays: number; partial: boolean } | null;
}

export interface Validity {
  quantity: number;
  unit: ValidityUnit;
}

export interface DataAmount {
  text: string;
  unit: DataUnit;
}

export type TextSpec =
  | { kind: 'airtime'; amount: string; currency: string }
  | { kind: 'airtimeRange'; min: string; max: string; currency: string }
  | { kind: 'bundle'; data: DataAmount; minutes: string; sms: string | null; validity: Validity }
  | { kind: 'data'; data: DataAmount; validity: Validity }
  | { kind: 'giftCard'; brand: string; amount: string; currency: string }
  | { kind: 'gameCard'; brand: string; quantity: string; unit: string }
  | { kind: 'giftCardRange'; brand: string; min: string; max: string; currency: string }
  | { kind: 'bill'; name: BillProductName; min: string; max: string; currency: string }
  | { kind: 'package'; plan: PackageName; validity: Validity }
  | { kind: 'esim'; area: Localised; where: Localised; data: DataAmount; validity: Validity }
  | { kind: 'voip'; brand: string; amount: string; currency: string };

export const NO_REQUIREMENTS: Requirements = {
  debit: null,
  credit: null,
  sender: null,
  beneficiary: null,
  statement: null,
  additional: null,
};

/** Benefits nobody taxes. */
export const NO_TAX = new Dec(0);

/**
 * Field combinations of `required_*_fields`, shared by every product that needs them (the catalogue is
 * read-only). Outer list: alternatives; inner list: fields that must all be present.
 */
export const FIELDS: Record<
  | 'mobileNumber'
  | 'accountNumber'
  | 'accountWithQualifier'
  | 'name'
  | 'nameAndMobile'
  | 'nameAndEmail'
  | 'purchaserId'
  | 'reference'
  | 'referenceAndDueDate',
  string[][]
> = {
  mobileNumber: [['mobile_number']],
  accountNumber: [['account_number']],
  accountWithQualifier: [['account_number', 'account_qualifier']],
  name: [['first_name', 'last_name']],
  nameAndMobile: [['first_name', 'last_name', 'mobile_number']],
  nameAndEmail: [['first_name', 'last_name', 'email']],
  purchaserId: [['purchaser_id']],
  reference: [['reference']],
  referenceAndDueDate: [['reference', 'due_date']],
};
