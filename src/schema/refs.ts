import type { Campaign, Country, Operator, Product, Promotion, Service } from '../datasources/dtone/types.js';
import { builder } from './builder.js';

/**
 * Every catalogue object's ref, declared before any type is implemented: the domain files link to each other
 * (a country lists operators, an operator points back to its country) without import cycles.
 */
export interface SubserviceShape {
  id: number;
  name: string;
  serviceId: number;
}

export interface RegionShape {
  name: string;
  code: string;
}

/** Products and promotions are localised: they carry the language they were read in, for their children. */
export interface Localised<T> {
  data: T;
  language: string | undefined;
}

export type ProductShape = Localised<Product>;
export type PromotionShape = Localised<Promotion>;

export const ServiceRef = builder.objectRef<Service>('Service');
export const SubserviceRef = builder.objectRef<SubserviceShape>('Subservice');
export const CountryRef = builder.objectRef<Country>('Country');
export const RegionRef = builder.objectRef<RegionShape>('Region');
export const OperatorRef = builder.objectRef<Operator>('Operator');
export const ProductRef = builder.interfaceRef<ProductShape>('Product');
export const PromotionRef = builder.objectRef<PromotionShape>('Promotion');
export const CampaignRef = builder.objectRef<Campaign>('Campaign');
