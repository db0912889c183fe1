import { anyObject, entity } from './shape.js';
import type {
  Balance,
  BenefitType,
  Campaign,
  Country,
  CreditPartyBenefit,
  CreditPartyStatus,
  MobileNumberOperator,
  Operator,
  Product,
  Promotion,
  Service,
  Statement,
  Transaction,
} from './types.js';

/** What each entity must carry for the client to hand it on; everything else is DT One's business. */
export const decode = {
  service: entity<Service>({ id: 'id' }),
  country: entity<Country>({ iso_code: 'string' }),
  operator: entity<Operator>({ id: 'id' }),
  benefitType: entity<BenefitType>({ name: 'string' }),
  promotion: entity<Promotion>({ id: 'id' }),
  campaign: entity<Campaign>({ id: 'id' }),
  // Any `type` string is accepted: DT One has added and retired product types before.
  product: entity<Product>({ id: 'id', type: 'string' }),
  transaction: entity<Transaction>({ id: 'id', status: 'object' }),
  balance: entity<Balance>({ unit: 'string' }),
  mobileNumberOperator: entity<MobileNumberOperator>({ id: 'id' }),
  statement: anyObject<Statement>,
  creditPartyBenefit: anyObject<CreditPartyBenefit>,
  creditPartyStatus: anyObject<CreditPartyStatus>,
};
