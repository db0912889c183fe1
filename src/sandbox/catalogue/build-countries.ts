import { countries as countryList, type TCountryCode } from 'countries-list';
import alpha3ByAlpha2 from 'countries-list/minimal/countries.2to3.min.json' with { type: 'json' };
import { allCountries as regionData } from 'country-region-data';
import { type CountryCode, getCountryCallingCode } from 'libphonenumber-js/max';
import { CURRENCY_OVERRIDES, MOBILE_BRANDS } from './reference/countries.js';
import { CURRENCIES } from './reference/currencies.js';
import type { JsonObject } from './types.js';

/** DT One's pseudo-country codes for products usable in many countries. */
export const GLOBAL = 'GXX';
export const EUROPE = 'EXX';

export interface Region {
  name: string;
  code: string;
}

/** Everything the other builders need to know about one country (real or pseudo). */
export interface CountryPlan {
  isoCode: string;
  /** Empty for the pseudo-countries, which have no ISO 3166-1 alpha-2 code. */
  alpha2: string;
  name: string;
  /** Currency of the country's products (destination amounts). */
  currency: string;
  /** The partner balance that pays for the country's products: EUR for Europe, USD elsewhere. */
  accountCurrency: 'USD' | 'EUR';
  /** Calling code without `+`; empty for the pseudo-countries. */
  callingCode: string;
  regions: Region[];
  /** `GET /countries/{iso}` body. */
  json: JsonObject;
  /** The compact form nested in operators (`regions: null`, as DT One nests countries). */
  nestedJson: JsonObject;
}

/**
 * The spec's `x-iso-3166-2` pattern allows 2–3 character subdivision codes only, so countries whose ISO codes
 * are one character (Argentina's `AR-B`, Austria's `AT-1`) have no representable regions and list none.
 */
const SUBDIVISION = /^[A-Z0-9]{2,3}$/;

/** Builds the served countries in alpha-3 order, followed by `GXX` (Global) and `EXX` (Europe). */
export function buildCountries(): CountryPlan[] {
  const regionsByAlpha2 = new Map(regionData.map(([, alpha2, regions]) => [alpha2 as string, regions]));
  const alpha3Map = alpha3ByAlpha2 as Record<string, string>;

  const real = Object.keys(MOBILE_BRANDS)
    .sort()
    .map((alpha2): CountryPlan => {
      const data = countryList[alpha2 as TCountryCode];
      const isoCode = alpha3Map[alpha2];
      if (!data || !isoCode) throw new Error(`countries-list does not know ${alpha2}`);
      const currency = CURRENCY_OVERRIDES[alpha2] ?? data.currency.find((c) => CURRENCIES.has(c));
      if (!currency || !CURRENCIES.has(currency)) throw new Error(`No priced currency for ${alpha2}`);
      const regions = (regionsByAlpha2.get(alpha2) ?? [])
        .map(([name, short]) => ({ name, short: short.startsWith(`${alpha2}-`) ? short.slice(3) : short }))
        .filter(({ short }) => SUBDIVISION.test(short))
        .map(({ name, short }) => ({ name, code: `${alpha2}-${short}` }))
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      return plan({
        isoCode,
        alpha2,
        name: data.name,
        currency,
        accountCurrency: data.continent === 'EU' || currency === 'EUR' ? 'EUR' : 'USD',
        callingCode: getCountryCallingCode(alpha2 as CountryCode),
        regions,
      });
    })
    .sort((a, b) => (a.isoCode < b.isoCode ? -1 : 1));

  const europe = real
    .filter((c) => c.accountCurrency === 'EUR')
    .map((c) => ({ name: c.name, code: c.isoCode }));
  return [
    ...real,
    plan({
      isoCode: GLOBAL,
      alpha2: '',
      name: 'Global',
      currency: 'USD',
      accountCurrency: 'USD',
      callingCode: '',
      regions: [],
    }),
    plan({
      isoCode: EUROPE,
      alpha2: '',
      name: 'Europe',
      currency: 'EUR',
      accountCurrency: 'EUR',
      callingCode: '',
      regions: europe,
    }),
  ];
}

function plan(fields: Omit<CountryPlan, 'json' | 'nestedJson'>): CountryPlan {
  const regions =
    fields.regions.length > 0 ? fields.regions.map((r) => ({ name: r.name, code: r.code })) : null;
  return {
    ...fields,
    json: { name: fields.name, iso_code: fields.isoCode, regions },
    nestedJson: { name: fields.name, iso_code: fields.isoCode, regions: null },
  };
}
