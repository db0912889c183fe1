import { Dec } from './amounts.js';
import { buildCampaigns } from './build-campaigns.js';
import { buildCountries, EUROPE, GLOBAL } from './build-countries.js';
import { buildGs } from './build-gs.js';
import { buildOperators } from './build-operators.js';
import { buildProductDrafts } from './build-products.js';
import {
  type PromotionPlan,
  planPromotions,
  renderProductPromotion,
  renderPromotion,
} from './build-promotions.js';
import { buildServices } from './build-services.js';
import { LazyByLanguage } from './lazy-by-language.js';
import type { ProductDraft } from './product-draft.js';
import { productWords, type Words } from './product-words.js';
import { createRandom } from './random.js';
import { renderProduct, type SharedParts, sharedParts } from './render-product.js';
import type {
  BalanceSeed,
  Catalogue,
  CountryEntry,
  JsonObject,
  Language,
  OperatorEntry,
  ProductEntry,
  PromotionEntry,
} from './types.js';

const BENEFIT_TYPES = ['TALKTIME', 'DATA', 'SMS', 'PAYMENT', 'CREDITS'];
const BALANCES: readonly BalanceSeed[] = [
  { id: 1, unit: 'USD', available: '50000.00', creditLimit: '0.00' },
  { id: 2, unit: 'EUR', available: '20000.00', creditLimit: '0.00' },
];

const cache = new Map<number, Catalogue>();

/**
 * The sandbox's catalogue for a seed: same seed, same catalogue, to the byte. Generated once per seed and
 * process and shared by every caller, so it must be treated as read-only.
 */
export function generateCatalogue(seed = 1): Catalogue {
  let catalogue = cache.get(seed);
  if (!catalogue) {
    catalogue = buildCatalogue(seed);
    cache.set(seed, catalogue);
  }
  return catalogue;
}

/**
 * Builds a fresh, unshared catalogue (tests that compare two generations use it). Per-language JSON is
 * rendered on first read (see `LazyByLanguage`), so building costs only the planning.
 */
export function buildCatalogue(seed: number): Catalogue {
  const countryPlans = buildCountries();
  const operatorPlans = buildOperators(countryPlans, createRandom(seed, 'operators'));
  const real = countryPlans.filter((c) => c.isoCode !== GLOBAL && c.isoCode !== EUROPE);
  const europe = countryPlans.find((c) => c.isoCode === EUROPE)?.regions ?? [];
  const drafts = buildProductDrafts(
    operatorPlans,
    { world: real.map((c) => ({ name: c.name, code: c.isoCode })), europe },
    createRandom(seed, 'products'),
  );
  const promotionPlans = planPromotions(drafts, createRandom(seed, 'promotions'));
  const gs = buildGs(operatorPlans, createRandom(seed, 'goods-and-services'));

  const words = new Map<number, Record<Language, Words>>();
  const wordsOf = (draft: ProductDraft, lang: Language): Words => {
    let forDraft = words.get(draft.id);
    if (!forDraft) {
      forDraft = new LazyByLanguage((l) => productWords(draft, l));
      words.set(draft.id, forDraft);
    }
    return forDraft[lang];
  };

  const products = renderProducts(drafts, promotionPlans, wordsOf);
  const promotions: PromotionEntry[] = promotionPlans.map((plan) => ({
    id: plan.id,
    json: new LazyByLanguage((lang) => renderPromotion(plan, lang, wordsOf)),
    operatorId: plan.operator.id,
    countryIsoCode: plan.operator.country.isoCode,
    productIds: plan.products.map((p) => p.id),
  }));
  const campaigns = buildCampaigns(drafts, createRandom(seed, 'campaigns'), wordsOf);

  const operators: OperatorEntry[] = operatorPlans.map((plan) => ({
    id: plan.id,
    json: plan.json,
    countryIsoCode: plan.country.isoCode,
    serviceIds: new Set(),
    subserviceIds: new Set(),
    mobilePrefixes: plan.mobilePrefixes,
  }));
  const countries: CountryEntry[] = countryPlans.map((plan) => ({
    isoCode: plan.isoCode,
    json: plan.json,
    alpha2: plan.alpha2,
    currency: plan.currency,
    callingCode: plan.callingCode,
    serviceIds: new Set(),
    subserviceIds: new Set(),
  }));
  const services = buildServices();

  const operatorById = new Map(operators.map((o) => [o.id, o]));
  const countryByIso = new Map(countries.map((c) => [c.isoCode, c]));
  const serviceById = new Map(services.map((s) => [s.id, s]));
  for (const product of products) {
    const operator = operatorById.get(product.operatorId);
    const country = countryByIso.get(product.countryIsoCode);
    const service = serviceById.get(product.serviceId);
    if (!operator || !country || !service) {
      throw new Error(`Product ${product.id} refers to unknown entities`);
    }
    for (const entry of [operator, country]) {
      entry.serviceIds.add(product.serviceId);
      if (product.subserviceId !== null) entry.subserviceIds.add(product.subserviceId);
    }
    service.countryIsoCodes.add(product.countryIsoCode);
  }

  return {
    seed,
    services,
    countries,
    operators,
    benefitTypes: BENEFIT_TYPES.map((name) => ({ name })),
    products,
    promotions,
    campaigns,
    balances: BALANCES.map((b) => ({ ...b })),
    gsProducts: gs.products,
    gsAccounts: gs.accounts,
    byId: {
      service: serviceById,
      country: countryByIso,
      operator: operatorById,
      product: new Map(products.map((p) => [p.id, p])),
      promotion: new Map(promotions.map((p) => [p.id, p])),
      campaign: new Map(campaigns.map((c) => [c.id, c])),
      gsProduct: new Map(gs.products.map((p) => [p.productId, p])),
    },
  };
}

function renderProducts(
  drafts: readonly ProductDraft[],
  promotionPlans: readonly PromotionPlan[],
  wordsOf: (draft: ProductDraft, lang: Language) => Words,
): ProductEntry[] {
  const promotionsOf = new Map<number, PromotionPlan[]>();
  for (const plan of promotionPlans) {
    for (const product of plan.products) {
      const list = promotionsOf.get(product.id) ?? [];
      list.push(plan);
      promotionsOf.set(product.id, list);
    }
  }
  const productPromotionJson = new Map<number, Record<Language, JsonObject>>(
    promotionPlans.map((plan) => [plan.id, new LazyByLanguage((lang) => renderProductPromotion(plan, lang))]),
  );

  return drafts.map((draft) => {
    const plans = promotionsOf.get(draft.id) ?? [];
    const running = plans.filter((p) => p.window.phase === 'running');
    const bonus = running.length > 0 ? Dec.max(...running.map((p) => p.percent)) : null;
    let shared: SharedParts | undefined;
    const json = new LazyByLanguage((lang) => {
      shared ??= sharedParts(draft, bonus);
      return renderProduct(
        draft,
        lang,
        wordsOf(draft, lang),
        plans.map((p) => (productPromotionJson.get(p.id) as Record<Language, JsonObject>)[lang]),
        shared,
      );
    });
    return {
      id: draft.id,
      type: draft.type,
      json,
      serviceId: draft.operator.serviceId,
      subserviceId: draft.subserviceId,
      operatorId: draft.operator.id,
      countryIsoCode: draft.operator.country.isoCode,
      regionCodes: draft.regions.map((r) => r.code),
      tags: draft.tag ? [draft.tag] : [],
      benefitTypes: [...new Set(draft.benefits.map((b) => b.type))],
      sortAmount: draft.pricing.sortAmount,
      name: new LazyByLanguage((lang) => wordsOf(draft, lang).name),
    };
  });
}
