import type { CatalogueProduct, ProductDetails } from './catalogue.js';

type Priced = CatalogueProduct | ProductDetails;

/** "10000 IDR for 0.72 USD + 0.01 fee", or the ranged form "5000–100000 IDR for 0.36–7.20 USD + 0 fee". */
export function describeOffer(product: Priced): string {
  if ('destinationRange' in product) {
    const to = product.destinationRange;
    const paid = product.wholesalePriceRange;
    const delivered = to ? `${to.min}–${to.max} ${to.unit}` : 'an amount';
    return paid
      ? `${delivered} for ${paid.amount.min}–${paid.amount.max} ${paid.amount.unit} + ${paid.fee.amount} fee`
      : delivered;
  }
  if ('destination' in product) {
    const to = product.destination;
    const paid = product.wholesalePrice;
    const delivered = to ? `${to.amount} ${to.unit}` : 'an amount';
    return paid
      ? `${delivered} for ${paid.amount.amount} ${paid.amount.unit} + ${paid.fee.amount} fee`
      : delivered;
  }
  return `a ${product.type} product`;
}
