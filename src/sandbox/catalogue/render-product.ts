import { Dec, minorUnits, money, quantity } from './amounts.js';
import type { BenefitDraft, Exact, ProductDraft } from './product-draft.js';
import type { Words } from './product-words.js';
import { serviceName, subserviceName } from './reference/services.js';
import { BENEFIT_INFO, paymentNotes, pinTerms, pinUsage } from './reference/texts.js';
import type { JsonObject, JsonValue, Language } from './types.js';

/** The parts of a product's JSON that every language shares. */
export interface SharedParts {
  tags: JsonValue;
  regions: JsonValue;
  benefitAmounts: JsonObject[];
}

/**
 * `bonusPercent` is the bonus of a running promotion that includes the product: promotable benefits get
 * `promotion_bonus = base × percent / 100`, rounded down to the benefit's unit.
 */
export function sharedParts(draft: ProductDraft, bonusPercent: Dec | null): SharedParts {
  return {
    tags: draft.tag ? [draft.tag] : null,
    regions: draft.regions.length > 0 ? draft.regions.map((r) => ({ name: r.name, code: r.code })) : null,
    benefitAmounts: draft.benefits.map((b) => benefitAmount(b, b.promotable ? bonusPercent : null)),
  };
}

/** Renders a draft as the spec's `Product` in one language, with exactly its type's fields in the spec's order. */
export function renderProduct(
  draft: ProductDraft,
  lang: Language,
  words: Words,
  promotions: JsonObject[],
  shared: SharedParts,
): JsonObject {
  const pricing = draft.pricing.resolve();
  const req = draft.requirements;
  const ranged = draft.type !== 'FIXED_VALUE_RECHARGE' && draft.type !== 'FIXED_VALUE_PIN_PURCHASE';
  const json: JsonObject = {
    id: draft.id,
    name: words.name,
    description: words.description,
    tags: shared.tags,
    service: serviceJson(draft.operator.serviceId, draft.subserviceId),
    operator: draft.operator.json,
    regions: shared.regions,
    type: draft.type,
    validity: draft.validity,
    required_debit_party_identifier_fields: req.debit,
    required_credit_party_identifier_fields: req.credit,
    required_sender_fields: req.sender,
    required_beneficiary_fields: req.beneficiary,
    required_statement_identifier_fields: req.statement,
    required_additional_identifier_fields: req.additional,
  };
  if (ranged)
    json.accepted_calculation_modes = draft.calculationModes ?? ['SOURCE_AMOUNT', 'DESTINATION_AMOUNT'];
  json.availability_zones = draft.availabilityZones;
  json.source = pricing.source;
  json.destination = pricing.destination;
  json.prices = pricing.prices;
  json.rates = pricing.rates;
  if (draft.pin) {
    json.pin = {
      usage_info: pinUsage(draft.pin.brand, lang),
      validity: draft.pin.validity,
      terms: pinTerms(draft.pin.brand, lang),
    };
  }
  if (draft.payment) {
    const p = draft.payment;
    json.payment = {
      modes: p.modes,
      posting_period: p.postingPeriod,
      supports_statement_inquiry: p.supportsStatementInquiry,
      required_inquiry_fields: p.requiredInquiryFields,
      notes: p.notes ? paymentNotes(p.notes.postingDays, p.notes.partial, lang) : null,
    };
  }
  json.benefits = draft.benefits.map((benefit, i) => ({
    type: benefit.type,
    unit_type: benefit.unitType,
    unit: benefit.unit,
    amount: shared.benefitAmounts[i] ?? null,
    additional_information: benefit.info ? BENEFIT_INFO[benefit.info][lang] : null,
  }));
  json.promotions = promotions.length > 0 ? promotions : null;
  return json;
}

const serviceJsons = new Map<string, JsonObject>();

/** The product's `service` (shared by every product of the same subservice: the catalogue is read-only). */
function serviceJson(serviceId: number, subserviceId: number | null): JsonObject {
  const key = `${serviceId}/${subserviceId}`;
  let json = serviceJsons.get(key);
  if (!json) {
    json = {
      id: serviceId,
      name: serviceName(serviceId),
      subservice: subserviceId === null ? null : { id: subserviceId, name: subserviceName(subserviceId) },
    };
    serviceJsons.set(key, json);
  }
  return json;
}

const ZERO = new Dec(0);

function benefitAmount(benefit: BenefitDraft, bonusPercent: Dec | null): JsonObject {
  const scale =
    benefit.unitType === 'CURRENCY'
      ? minorUnits(benefit.unit)
      : benefit.unitType === 'DATA' && benefit.unit === 'GB'
        ? 2
        : 0;
  const print = (value: Dec): JsonValue =>
    benefit.unitType === 'CURRENCY' && !value.eq(-1) ? money(value, benefit.unit) : quantity(value);
  const amounts = (exact: Exact) => {
    const base = exact instanceof Dec ? exact : new Dec(exact);
    const printedBase = print(base);
    if (base.eq(-1)) {
      return {
        base: printedBase,
        promotion_bonus: quantity(0),
        total_excluding_tax: printedBase,
        total_including_tax: printedBase,
      };
    }
    const bonus = bonusPercent
      ? base.mul(bonusPercent).div(100).toDecimalPlaces(scale, Dec.ROUND_DOWN)
      : ZERO;
    const excluding = bonus.isZero() ? base : base.plus(bonus);
    const including = benefit.tax.isZero()
      ? excluding
      : excluding.mul(Dec.sub(1, benefit.tax)).toDecimalPlaces(scale, Dec.ROUND_DOWN);
    const printedExcluding = excluding === base ? printedBase : print(excluding);
    return {
      base: printedBase,
      promotion_bonus: print(bonus),
      total_excluding_tax: printedExcluding,
      total_including_tax: including === excluding ? printedExcluding : print(including),
    };
  };

  if (typeof benefit.base === 'string' || benefit.base instanceof Dec) return amounts(benefit.base);
  const min = amounts(benefit.base.min);
  const max = amounts(benefit.base.max);
  return {
    base: { min: min.base, max: max.base },
    promotion_bonus: { min: min.promotion_bonus, max: max.promotion_bonus },
    total_excluding_tax: { min: min.total_excluding_tax, max: max.total_excluding_tax },
    total_including_tax: { min: min.total_including_tax, max: max.total_including_tax },
  };
}
