import type { OperatorPlan } from './build-operators.js';
import { drawWindow, type Window } from './dates.js';
import type { ProductDraft } from './product-draft.js';
import type { Words } from './product-words.js';
import type { Random } from './random.js';
import { CAMPAIGN_THEMES, type CampaignTheme } from './reference/campaigns.js';
import type { CampaignEntry, JsonObject, Language } from './types.js';

export interface CampaignPlan {
  id: number;
  theme: CampaignTheme;
  products: ProductDraft[];
  window: Window;
}

/** Campaign entries, ready to serve. */
export function buildCampaigns(
  drafts: readonly ProductDraft[],
  random: Random,
  wordsOf: (draft: ProductDraft, lang: Language) => Words,
): CampaignEntry[] {
  return planCampaigns(drafts, random).map((plan) => ({
    id: plan.id,
    json: renderCampaign(plan, wordsOf),
    operatorIds: [...new Set(plan.products.map((p) => p.operator.id))],
    countryIsoCodes: [...new Set(plan.products.map((p) => p.operator.country.isoCode))],
    productIds: plan.products.map((p) => p.id),
  }));
}

/** One campaign per theme (ids from 1), each featuring products of two to eight operators. */
export function planCampaigns(drafts: readonly ProductDraft[], random: Random): CampaignPlan[] {
  const draftsOf = new Map<OperatorPlan, ProductDraft[]>();
  for (const draft of drafts) {
    const list = draftsOf.get(draft.operator) ?? [];
    list.push(draft);
    draftsOf.set(draft.operator, list);
  }
  const plans: CampaignPlan[] = [];
  for (const theme of CAMPAIGN_THEMES) {
    const byOperator = new Map<number, ProductDraft[]>();
    for (const [operator, list] of draftsOf) {
      if (!operatorMatches(theme, operator)) continue;
      for (const draft of list) {
        if (!draftMatches(theme, draft)) continue;
        const chosen = byOperator.get(operator.id) ?? [];
        chosen.push(draft);
        byOperator.set(operator.id, chosen);
      }
    }
    const operatorIds = [...byOperator.keys()].sort((a, b) => a - b);
    if (operatorIds.length < 2) throw new Error(`Campaign "${theme.title}" matches fewer than two operators`);
    const chosen = random.sample(operatorIds, random.int(2, Math.min(8, operatorIds.length)));
    const products = chosen.flatMap((id) => {
      const list = byOperator.get(id) ?? [];
      return random.sample(list, random.int(1, Math.min(4, list.length)));
    });
    plans.push({ id: plans.length + 1, theme, products, window: drawWindow(random) });
  }
  return plans;
}

function operatorMatches(theme: CampaignTheme, operator: OperatorPlan): boolean {
  if (theme.kinds && !theme.kinds.includes(operator.kind)) return false;
  if (theme.countries && !theme.countries.includes(operator.country.alpha2)) return false;
  return !theme.accountCurrency || operator.country.accountCurrency === theme.accountCurrency;
}

/** Gift-card themes name subservices; every other product of a matching operator qualifies. */
function draftMatches(theme: CampaignTheme, draft: ProductDraft): boolean {
  if (!theme.subservices || draft.operator.kind !== 'giftcard') return true;
  return draft.subserviceId !== null && theme.subservices.includes(draft.subserviceId);
}

/** The spec's `Campaign` (`GET /campaigns/{id}`): product items carry their full operator. */
export function renderCampaign(
  plan: CampaignPlan,
  wordsOf: (draft: ProductDraft, lang: Language) => Words,
): JsonObject {
  return {
    id: plan.id,
    title: plan.theme.title,
    description: plan.theme.description,
    terms: plan.theme.terms,
    start_date: plan.window.startDate,
    end_date: plan.window.endDate,
    products: plan.products.map((draft) => ({
      id: draft.id,
      ...wordsOf(draft, 'en'),
      type: draft.type,
      operator: draft.operator.json,
    })),
  };
}
