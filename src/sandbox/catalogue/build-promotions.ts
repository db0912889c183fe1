import { Dec } from './amounts.js';
import type { OperatorPlan } from './build-operators.js';
import { drawWindow, type Window } from './dates.js';
import type { ProductDraft } from './product-draft.js';
import type { Words } from './product-words.js';
import type { Random } from './random.js';
import { fill, PROMOTION_TEMPLATES, type PromotionTemplate } from './reference/texts.js';
import type { JsonObject, Language } from './types.js';

export interface PromotionPlan {
  id: number;
  operator: OperatorPlan;
  products: ProductDraft[];
  template: PromotionTemplate;
  /** Bonus on the products' promotable benefits while the promotion runs. */
  percent: Dec;
  window: Window;
}

const PROMOTION_COUNT = 340;
const PERCENTS = ['10', '20', '25', '50', '100'];

/**
 * Promotions of single operators, ids from 1. Operators with products a bonus can apply to (mobile, game
 * cards, eSIM, VoIP) are drawn without repeats until the list runs out, then again, so a few operators run
 * two promotions.
 */
export function planPromotions(drafts: readonly ProductDraft[], random: Random): PromotionPlan[] {
  const byOperator = new Map<number, ProductDraft[]>();
  for (const draft of drafts) {
    if (!draft.benefits.some((b) => b.promotable)) continue;
    const list = byOperator.get(draft.operator.id) ?? [];
    list.push(draft);
    byOperator.set(draft.operator.id, list);
  }
  const candidates = [...byOperator.keys()].sort((a, b) => a - b);
  if (candidates.length === 0) return [];

  const plans: PromotionPlan[] = [];
  let order: number[] = [];
  while (plans.length < PROMOTION_COUNT) {
    if (order.length === 0) order = random.shuffle(candidates);
    const operatorId = order.pop() as number;
    const products = byOperator.get(operatorId) ?? [];
    const chosen = random.sample(products, random.int(1, Math.min(6, products.length)));
    const first = chosen[0];
    if (!first) continue;
    plans.push({
      id: plans.length + 1,
      operator: first.operator,
      products: chosen,
      template: random.pick(PROMOTION_TEMPLATES),
      percent: new Dec(random.pick(PERCENTS)),
      window: drawWindow(random),
    });
  }
  return plans;
}

function words(plan: PromotionPlan, lang: Language) {
  const values = { op: plan.operator.name, pct: plan.percent.toFixed() };
  return {
    title: fill(plan.template.title[lang], values),
    description: fill(plan.template.description[lang], values),
    terms: plan.template.terms ? fill(plan.template.terms[lang], values) : null,
  };
}

/** The spec's `ProductPromotion`, listed in each product the promotion includes. */
export function renderProductPromotion(plan: PromotionPlan, lang: Language): JsonObject {
  return {
    id: plan.id,
    ...words(plan, lang),
    start_date: plan.window.startDate,
    end_date: plan.window.endDate,
  };
}

/** The spec's `Promotion` (`GET /promotions/{id}`). */
export function renderPromotion(
  plan: PromotionPlan,
  lang: Language,
  wordsOf: (draft: ProductDraft, lang: Language) => Words,
): JsonObject {
  const country = plan.operator.country;
  return {
    ...renderProductPromotion(plan, lang),
    operator: {
      id: plan.operator.id,
      name: plan.operator.name,
      country: { name: country.name, iso_code: country.isoCode },
    },
    products: plan.products.map((draft) => ({ id: draft.id, ...wordsOf(draft, lang), type: draft.type })),
  };
}
