import type { Decimal } from 'decimal.js';
import { Dec, moneyText } from './amounts.js';
import type { OperatorPlan } from './build-operators.js';
import { rangeIncrement } from './draft-helpers.js';
import { midRate } from './product-pricing.js';
import type { Random } from './random.js';
import { ISO_NUMERIC } from './reference/countries.js';
import { currencyInfo } from './reference/currencies.js';
import { GS_PRODUCTS, HOLDER_NAMES } from './reference/gs.js';
import { subserviceName } from './reference/services.js';
import type { GsAccount, GsProduct } from './types.js';

const FIRST_PRODUCT_ID = 1001;
const ACCOUNTS_PER_PRODUCT = 12;
/**
 * Accounts whose number ends in `000` have nothing to pay (amount due 0: the bill is already paid); no
 * other account number ends in `000`. Two per product.
 */
const PAID_ACCOUNTS_PER_PRODUCT = 2;
const PAID_SUFFIX = '000';

/**
 * Goods & Services bill-payment products and the bill accounts a quote can be asked for. `countryId` is the
 * ISO 3166-1 numeric code, `serviceId`/`service` the DVS subservice (e.g. 31 Electricity), `operatorId`
 * the DVS operator of the same biller. Rates are account-currency units per local unit (8 significant
 * digits): wholesale = 1 ÷ mid-market rate × (1 + 1–3 %), retail = wholesale × (1 + 2–5 %).
 */
export function buildGs(
  operators: readonly OperatorPlan[],
  random: Random,
): { products: GsProduct[]; accounts: GsAccount[] } {
  const products: GsProduct[] = [];
  const accounts: GsAccount[] = [];
  GS_PRODUCTS.forEach((definition, index) => {
    const operator = operators.find(
      (o) => o.country.alpha2 === definition.alpha2 && o.name === definition.biller,
    );
    const countryId = ISO_NUMERIC[definition.alpha2];
    if (!operator || countryId === undefined)
      throw new Error(`No DVS operator ${definition.biller} in ${definition.alpha2}`);
    const local = operator.country.currency;
    const account = definition.accountCurrency;
    const wholesale = new Dec(1)
      .div(midRate(account, local))
      .mul(Dec.add(1, new Dec(random.int(10, 30)).div(1000)))
      .toSignificantDigits(8);
    const retail = wholesale.mul(Dec.add(1, new Dec(random.int(20, 50)).div(1000))).toSignificantDigits(8);
    const productId = FIRST_PRODUCT_ID + index;
    products.push({
      productId,
      productName: definition.productName,
      productShortDesc: definition.shortDesc,
      operatorId: operator.id,
      operator: operator.name,
      countryId,
      country: operator.country.name,
      serviceId: definition.subserviceId,
      service: subserviceName(definition.subserviceId),
      accountCurrency: account,
      localCurrency: local,
      paymentFee: random.chance(0.4)
        ? moneyText(0, local)
        : moneyText(localAmount(random.pick(['0.2', '0.5', '1']), local), local),
      wholesaleRate: wholesale.toFixed(),
      retailRate: retail.toFixed(),
      fee: moneyText(random.pick(['0.30', '0.50', '1.00']), account),
    });
    accounts.push(
      ...billAccounts(productId, definition.alpha2, definition.accountNumberLength, local, random),
    );
  });
  return { products, accounts };
}

function billAccounts(
  productId: number,
  alpha2: string,
  length: number,
  currency: string,
  random: Random,
): GsAccount[] {
  const names = HOLDER_NAMES[alpha2];
  if (!names) throw new Error(`No holder names for ${alpha2}`);
  const [firstNames, lastNames] = names;
  const numbers = new Set<string>();
  const accounts: GsAccount[] = [];
  while (accounts.length < ACCOUNTS_PER_PRODUCT) {
    const paid = accounts.length < PAID_ACCOUNTS_PER_PRODUCT;
    let digits = String(random.int(1, 9));
    while (digits.length < length) digits += String(random.int(0, 9));
    const accountNumber = paid ? `${digits.slice(0, -3)}${PAID_SUFFIX}` : digits;
    if (numbers.has(accountNumber) || (!paid && accountNumber.endsWith(PAID_SUFFIX))) continue;
    numbers.add(accountNumber);
    const usd = new Dec(random.int(500, 25_000)).div(100);
    accounts.push({
      productId,
      accountNumber,
      name: `${random.pick(firstNames)} ${random.pick(lastNames)}`.toUpperCase(),
      amountDue: paid ? moneyText(0, currency) : moneyText(localAmount(usd, currency), currency),
    });
  }
  return accounts.sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : 1));
}

/** `usd` US dollars in the local currency, rounded to the currency's range increment (about five cents). */
function localAmount(usd: Decimal.Value, currency: string): Dec {
  const increment = rangeIncrement(currency);
  const value = new Dec(usd).mul(currencyInfo(currency).perUsd);
  return Dec.max(increment, value.div(increment).toDecimalPlaces(0, Dec.ROUND_HALF_UP).mul(increment));
}
