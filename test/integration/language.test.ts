import { describe, expect, it } from 'vitest';
import { startGateway } from '../helpers/gateway.js';

describe('Accept-Language', () => {
  it('passes through to DT One for products and promotions, and caches each language apart', async () => {
    const { sandbox, gql } = await startGateway();
    const product = sandbox.catalogue.products.find((p) => p.name.en !== p.name.es)!;
    const query = /* GraphQL */ `query ($id: Int!) { product(id: $id) { name } }`;

    const en = await gql<{ product: { name: string } }>(query, { id: product.id });
    const es = await gql<{ product: { name: string } }>(
      query,
      { id: product.id },
      { 'accept-language': 'es-ES,es;q=0.9' },
    );
    const fr = await gql<{ product: { name: string } }>(
      query,
      { id: product.id },
      { 'accept-language': 'fr' },
    );
    expect([en.data!.product.name, es.data!.product.name, fr.data!.product.name]).toEqual([
      product.name.en,
      product.name.es,
      product.name.fr,
    ]);

    sandbox.control.resetCalls();
    const esAgain = await gql<{ product: { name: string } }>(
      query,
      { id: product.id },
      { 'accept-language': 'es' },
    );
    expect(esAgain.data!.product.name).toBe(product.name.es);
    expect(sandbox.control.calls()).toBe(0);

    const promotion = sandbox.catalogue.promotions.find((p) => p.json.en.title !== p.json.fr.title)!;
    const promo = await gql<{ promotion: { title: string } }>(
      /* GraphQL */ `query ($id: Int!) { promotion(id: $id) { title } }`,
      { id: promotion.id },
      { 'accept-language': 'fr' },
    );
    expect(promo.data!.promotion.title).toBe(promotion.json.fr.title);
  });
});
