import { type CountryPlan, EUROPE, GLOBAL, type Region } from './build-countries.js';
import type { Random } from './random.js';
import { MOBILE_BRANDS } from './reference/countries.js';
import { MOBILE_PREFIXES } from './reference/mobile-prefixes.js';
import {
  BILLER_TEMPLATES,
  BILLERS,
  type BillerKind,
  COUNTRY_GIFT_CARDS,
  ESIM_PROVIDERS,
  EUROPE_GIFT_CARDS,
  type GiftCardBrand,
  GLOBAL_GIFT_CARDS,
  SHORT_COUNTRY_NAMES,
  VOIP_PROVIDERS,
} from './reference/operators.js';
import { SERVICE_ID, SUBSERVICE_ID } from './reference/services.js';
import type { JsonObject } from './types.js';

export type OperatorKind = 'mobile' | BillerKind | 'voip' | 'giftcard' | 'esim';

export interface OperatorPlan {
  id: number;
  name: string;
  country: CountryPlan;
  kind: OperatorKind;
  serviceId: number;
  /** The subservice of every product of a non-mobile operator; `null` for services without subservices. */
  subserviceId: number | null;
  regions: Region[];
  mobilePrefixes: string[];
  /** Set for gift-card operators. */
  giftCard?: GiftCardBrand;
  /** `GET /operators/{id}` body. */
  json: JsonObject;
}

const BILLER_SERVICE: Readonly<Record<BillerKind | 'voip', readonly [number, number | null]>> = {
  electricity: [SERVICE_ID.utilities, SUBSERVICE_ID.electricity],
  water: [SERVICE_ID.utilities, SUBSERVICE_ID.water],
  gas: [SERVICE_ID.utilities, SUBSERVICE_ID.gas],
  internet: [SERVICE_ID.utilities, SUBSERVICE_ID.internet],
  landline: [SERVICE_ID.utilities, SUBSERVICE_ID.landline],
  tv: [SERVICE_ID.utilities, SUBSERVICE_ID.television],
  voip: [SERVICE_ID.utilities, SUBSERVICE_ID.voip],
  insurance: [SERVICE_ID.insurance, null],
  finance: [SERVICE_ID.finance, null],
  government: [SERVICE_ID.government, null],
  education: [SERVICE_ID.education, null],
};

/** Chance that a country without a `BILLERS` entry gets a composed biller of each kind. */
const COMPOSED_BILLER_CHANCE: readonly (readonly [BillerKind, number])[] = [
  ['electricity', 1],
  ['water', 0.6],
  ['tv', 0.4],
  ['internet', 0.4],
  ['gas', 0.15],
  ['landline', 0.15],
  ['insurance', 0.1],
  ['finance', 0.1],
  ['government', 0.08],
  ['education', 0.08],
];

/**
 * Operators of every country, ids from 1 in country order: mobile operators first, then billers, gift-card
 * brands and eSIM providers. Mobile operators of one country get distinct 3-digit national prefixes.
 */
export function buildOperators(countries: readonly CountryPlan[], random: Random): OperatorPlan[] {
  const operators: OperatorPlan[] = [];
  const add = (
    country: CountryPlan,
    name: string,
    kind: OperatorKind,
    extra: { regions?: Region[]; giftCard?: GiftCardBrand; subserviceId?: number } = {},
  ) => {
    const [serviceId, subserviceId] =
      kind === 'mobile'
        ? [SERVICE_ID.mobile, null]
        : kind === 'giftcard'
          ? [SERVICE_ID.giftCards, extra.subserviceId ?? null]
          : kind === 'esim'
            ? [SERVICE_ID.esim, null]
            : BILLER_SERVICE[kind];
    const regions = extra.regions ?? [];
    const id = operators.length + 1;
    const plan: OperatorPlan = {
      id,
      name,
      country,
      kind,
      serviceId,
      subserviceId,
      regions,
      mobilePrefixes: [],
      json: {
        id,
        name,
        country: country.nestedJson,
        regions: regions.length > 0 ? regions.map((r) => ({ name: r.name, code: r.code })) : null,
      },
    };
    if (extra.giftCard) plan.giftCard = extra.giftCard;
    operators.push(plan);
    return plan;
  };

  for (const country of countries) {
    if (country.isoCode === GLOBAL || country.isoCode === EUROPE) {
      addMultiCountry(country, add);
      continue;
    }
    const label = SHORT_COUNTRY_NAMES[country.alpha2] ?? country.name;
    const mobiles = (MOBILE_BRANDS[country.alpha2] ?? []).map((brand) =>
      add(country, `${brand} ${label}`, 'mobile'),
    );
    assignPrefixes(country, mobiles, random);

    for (const [kind, name] of billersOf(country, label, random)) {
      const regional = !BILLERS[country.alpha2] && country.regions.length > 2 && random.chance(0.4);
      const regions = regional
        ? random.sample(country.regions, random.int(1, Math.min(4, country.regions.length - 1)))
        : [];
      add(country, name, kind, { regions });
    }
    for (const brand of COUNTRY_GIFT_CARDS[country.alpha2] ?? []) {
      add(country, brand.name, 'giftcard', { giftCard: brand, subserviceId: brand.subservice });
    }
    if ((ESIM_PROVIDERS.countries as readonly string[]).includes(country.alpha2)) {
      add(country, `${random.pick(ESIM_PROVIDERS.countryBrands)} ${label} eSIM`, 'esim');
    }
  }
  return operators;
}

type AddOperator = (
  country: CountryPlan,
  name: string,
  kind: OperatorKind,
  extra?: { regions?: Region[]; giftCard?: GiftCardBrand; subserviceId?: number },
) => OperatorPlan;

function addMultiCountry(country: CountryPlan, add: AddOperator): void {
  const global = country.isoCode === GLOBAL;
  for (const brand of global ? GLOBAL_GIFT_CARDS : EUROPE_GIFT_CARDS) {
    add(country, brand.name, 'giftcard', { giftCard: brand, subserviceId: brand.subservice });
  }
  for (const provider of global ? ESIM_PROVIDERS.global : ESIM_PROVIDERS.europe)
    add(country, provider, 'esim');
  if (global) for (const provider of VOIP_PROVIDERS) add(country, provider, 'voip');
}

function billersOf(country: CountryPlan, label: string, random: Random): (readonly [BillerKind, string])[] {
  const known = BILLERS[country.alpha2];
  if (known) return [...known];
  const composed: [BillerKind, string][] = [];
  for (const [kind, chance] of COMPOSED_BILLER_CHANCE) {
    if (random.chance(chance)) composed.push([kind, random.pick(BILLER_TEMPLATES[kind])(label)]);
  }
  return composed;
}

/** Shares the country's valid mobile prefixes out: every operator gets one to three, none shared. */
function assignPrefixes(country: CountryPlan, mobiles: OperatorPlan[], random: Random): void {
  if (mobiles.length === 0) return;
  const candidates = random.shuffle(MOBILE_PREFIXES[country.alpha2] ?? []);
  if (candidates.length < mobiles.length) {
    throw new Error(
      `${country.name} has ${candidates.length} mobile prefixes for ${mobiles.length} operators`,
    );
  }
  const perOperator = Math.min(3, Math.floor(candidates.length / mobiles.length));
  mobiles.forEach((operator, i) => {
    const count = random.int(1, perOperator);
    operator.mobilePrefixes = candidates.slice(i * perOperator, i * perOperator + count).sort();
  });
}
