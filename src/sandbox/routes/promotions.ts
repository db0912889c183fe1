import type { Catalogue, JsonObject } from '../catalogue/types.js';
import type { SandboxClock } from '../clock.js';
import { SandboxError } from '../errors.js';
import { languageHeaders, pickLanguage } from '../http/language.js';
import { paginate, readPageParams } from '../http/paging.js';
import { readId, readOptionalCountry, readOptionalId } from '../http/params.js';
import type { Route } from '../http/types.js';

/** Promotions (localised, not yet ended) and campaigns (active now), with their country/operator/product filters. */
export function promotionRoutes(catalogue: Catalogue, clock: SandboxClock): Route[] {
  const endsAfter = (json: JsonObject, now: number) => Date.parse(String(json.end_date)) >= now;
  const activeAt = (json: JsonObject, now: number) =>
    Date.parse(String(json.start_date)) <= now && endsAfter(json, now);

  return [
    {
      method: 'GET',
      template: '/v1/promotions',
      api: 'dvs',
      handler: ({ query, headers }) => {
        const lang = pickLanguage(headers['accept-language']);
        const country = readOptionalCountry(query);
        const operatorId = readOptionalId(query, 'operator_id');
        const productId = readOptionalId(query, 'product_id');
        const paging = readPageParams(query);
        const now = clock.now();
        const items = catalogue.promotions.filter(
          (p) =>
            endsAfter(p.json.en, now) &&
            (!country || p.countryIsoCode === country) &&
            (operatorId === undefined || p.operatorId === operatorId) &&
            (productId === undefined || p.productIds.includes(productId)),
        );
        const page = paginate(items, paging);
        return {
          status: 200,
          body: page.items.map((p) => p.json[lang]),
          headers: { ...page.headers, ...languageHeaders(lang) },
        };
      },
    },
    {
      method: 'GET',
      template: '/v1/promotions/{promotion_id}',
      api: 'dvs',
      handler: ({ params, headers }) => {
        const lang = pickLanguage(headers['accept-language']);
        const promotion = catalogue.byId.promotion.get(readId(params.promotion_id, 'promotion_id'));
        if (!promotion) throw new SandboxError(1003201);
        return { status: 200, body: promotion.json[lang], headers: languageHeaders(lang) };
      },
    },
    {
      method: 'GET',
      template: '/v1/campaigns',
      api: 'dvs',
      handler: ({ query }) => {
        const country = readOptionalCountry(query);
        const operatorId = readOptionalId(query, 'operator_id');
        const productId = readOptionalId(query, 'product_id');
        const paging = readPageParams(query);
        const now = clock.now();
        const items = catalogue.campaigns.filter(
          (c) =>
            activeAt(c.json, now) &&
            (!country || c.countryIsoCodes.includes(country)) &&
            (operatorId === undefined || c.operatorIds.includes(operatorId)) &&
            (productId === undefined || c.productIds.includes(productId)),
        );
        const page = paginate(items, paging);
        return { status: 200, body: page.items.map((c) => c.json), headers: page.headers };
      },
    },
    {
      method: 'GET',
      template: '/v1/campaigns/{campaign_id}',
      api: 'dvs',
      handler: ({ params }) => {
        const campaign = catalogue.byId.campaign.get(readId(params.campaign_id, 'campaign_id'));
        if (!campaign) throw new SandboxError(1003301);
        return { status: 200, body: campaign.json };
      },
    },
  ];
}
