import type { DomainError } from '../error-registry.js';
import { computeQuote, type QuoteAmounts, type QuoteFailure } from '../quote/compute.js';
import { productTermsOf } from '../quote/terms.js';
import { ProductUnavailableError } from '../transactions/errors.js';
import { CATALOGUE } from './auth.js';
import { builder } from './builder.js';
import {
  AmountOutOfRangeError,
  CalculationModeNotAcceptedError,
  InvalidAmountError,
  ProductNotRangedError,
} from './errors.js';
import { MoneyRef } from './money.js';
import { CalculationModeEnum } from './product-details.js';
import { ProductRef, type ProductShape } from './refs.js';

interface QuoteShape extends QuoteAmounts {
  product: ProductShape;
}

const QuoteRef = builder.objectRef<QuoteShape>('Quote').implement({
  authScopes: CATALOGUE,
  description:
    'What a ranged product costs and delivers for one amount, computed from its catalogue rates exactly as DT One ' +
    'prices the transaction (each amount at its currency’s minor units). An estimate: rates may change.',
  fields: (t) => ({
    product: t.field({ type: ProductRef, resolve: (q) => q.product }),
    mode: t.field({ type: CalculationModeEnum, resolve: (q) => q.mode }),
    source: t.field({ type: MoneyRef, description: 'What the sender pays.', resolve: (q) => q.source }),
    destination: t.field({
      type: MoneyRef,
      description: 'What the recipient gets (source mode: rounded down to the increment).',
      resolve: (q) => q.destination,
    }),
    wholesalePrice: t.field({
      type: MoneyRef,
      description: 'What the account is charged, before the fee.',
      resolve: (q) => q.wholesalePrice,
    }),
    fee: t.field({
      type: MoneyRef,
      description: 'Charged on top of the wholesale price.',
      resolve: (q) => q.fee,
    }),
    retailPrice: t.field({
      type: MoneyRef,
      nullable: true,
      description: 'The suggested retail price; null when the product has none configured.',
      resolve: (q) => q.retailPrice,
    }),
  }),
});

builder.queryField('quote', (t) =>
  t.field({
    type: QuoteRef,
    description:
      'Prices one amount of a ranged product without buying it; expected failures are typed results.',
    args: {
      productId: t.arg.int({ required: true, description: "DT One's product id." }),
      amount: t.arg({
        type: 'Decimal',
        required: true,
        description: 'The source amount (SOURCE_AMOUNT) or destination amount (DESTINATION_AMOUNT).',
      }),
      mode: t.arg({ type: CalculationModeEnum, required: true }),
    },
    errors: {
      types: [
        ProductUnavailableError,
        ProductNotRangedError,
        CalculationModeNotAcceptedError,
        AmountOutOfRangeError,
        InvalidAmountError,
      ],
      union: { name: 'QuoteResult' },
      result: { name: 'QuoteSuccess' },
      dataField: { name: 'quote' },
    },
    resolve: async (_root, { productId, amount, mode }, ctx) => {
      const data =
        productId > 0 ? await ctx.loaders.product.load({ productId, language: ctx.language }) : null;
      if (!data) throw new ProductUnavailableError(productId);
      const terms = productTermsOf(data);
      if (terms.kind === 'not-ranged') throw new ProductNotRangedError(productId, terms.type);
      const outcome = computeQuote(terms.terms, mode, amount);
      if (!outcome.ok) throw quoteFailureError(outcome.failure);
      return { ...outcome.quote, product: { data, language: ctx.language } };
    },
  }),
);

export function quoteFailureError(failure: QuoteFailure): DomainError {
  switch (failure.kind) {
    case 'mode-not-accepted':
      return new CalculationModeNotAcceptedError(failure.mode, failure.accepted);
    case 'too-many-decimals':
      return new InvalidAmountError(
        failure.field,
        `${failure.unit} amounts have at most ${failure.allowed} decimal places; the amount has ${failure.given}`,
      );
    case 'out-of-range':
      return new AmountOutOfRangeError(failure.unit, failure.min, failure.max, failure.increment);
  }
}
