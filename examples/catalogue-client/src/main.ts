/**
 * Usage: tsx src/main.ts <graphql-url> [country-iso-code [product-id]]
 * Without a country it lists countries; with one it browses its operators' products; with a product id it shows
 * that product's benefits.
 */
import { browseCountry, listCountries, productById } from './catalogue.js';
import { describeOffer } from './format.js';
import { GraphQLRequestError } from './request.js';

async function main([url, isoCode, productId]: string[]): Promise<void> {
  if (!url) throw new Error('Usage: tsx src/main.ts <graphql-url> [country-iso-code [product-id]]');

  if (productId) {
    const product = await productById(url, Number(productId));
    console.log(`${product.name} (${product.operator.name}, ${product.operator.country.name})`);
    console.log(`  ${describeOffer(product)}`);
    for (const b of product.benefits) {
      const { min, max } = b.totalIncludingTax;
      const amount = b.unlimited ? 'unlimited' : min === max ? min : `${min}–${max}`;
      console.log(`  ${b.type}: ${amount} ${b.unit}`);
    }
    return;
  }

  if (isoCode) {
    const country = await browseCountry(url, isoCode, { operators: 5, products: 5 });
    console.log(`${country.name}: ${country.operatorCount} operators`);
    for (const operator of country.operators) {
      console.log(`  ${operator.name} (${operator.productCount} products)`);
      for (const p of operator.products) console.log(`    #${p.productId} ${p.name}: ${describeOffer(p)}`);
    }
    return;
  }

  const page = await listCountries(url, { first: 20 });
  console.log(`${page.totalCount} countries; the first ${page.countries.length}:`);
  for (const c of page.countries) console.log(`  ${c.isoCode} ${c.name}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const code = error instanceof GraphQLRequestError && error.code ? ` [${error.code}]` : '';
  console.error(`${error instanceof Error ? error.message : String(error)}${code}`);
  process.exitCode = 1;
});
