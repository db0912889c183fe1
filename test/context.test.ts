import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type ContextParts, createContextFactory } from '../src/context.js';
import { createEntityCache, TTL } from '../src/datasources/cache.js';
import * as catalogueReader from '../src/datasources/catalogue-reader.js';
import * as lookupReader from '../src/datasources/lookup-reader.js';

vi.mock('../src/datasources/catalogue-reader.js', async (original) => {
  const actual = await original<typeof import('../src/datasources/catalogue-reader.js')>();
  return { ...actual, createCatalogueReader: vi.fn(actual.createCatalogueReader) };
});
vi.mock('../src/datasources/lookup-reader.js', async (original) => {
  const actual = await original<typeof import('../src/datasources/lookup-reader.js')>();
  return { ...actual, createLookupReader: vi.fn(actual.createLookupReader) };
});

const readers = vi.mocked(catalogueReader.createCatalogueReader);
const lookupReaders = vi.mocked(lookupReader.createLookupReader);

/** A context over a DT One client that knows one country, and a count of its calls. */
function contextOf() {
  const calls: string[] = [];
  const client = {
    getCountry: async (iso: string) => {
      calls.push(`country:${iso}`);
      return { iso_code: iso, name: 'Philippines', regions: [] };
    },
  };
  const parts = {
    cache: createEntityCache(),
    authenticate: async () => ({ tenantId: 'acme', keyId: 'k1', scopes: new Set() }),
    accounts: { forRequest: async () => ({ dvs: { client, id: 'account-1' } }) },
  } as unknown as ContextParts;
  const request = new Request('http://gateway/graphql', { headers: { 'accept-language': 'es-ES' } });
  return { calls, client, context: createContextFactory(parts)(request) };
}

describe('the per-request context', () => {
  beforeEach(() => {
    readers.mockClear();
    lookupReaders.mockClear();
  });

  it('builds no catalogue reader, loaders or look-ups until one is used, even once its properties are copied', async () => {
    const { context } = contextOf();
    const ctx = await context;
    // yoga and envelop copy the context into their own with Object.assign.
    const copied = Object.assign({}, ctx);
    expect(copied.language).toBe('es');
    expect(copied.meta).toBe(ctx.meta);
    expect(readers).not.toHaveBeenCalled();
    expect(lookupReaders).not.toHaveBeenCalled();
  });

  it('builds the three parts together on first use, once, over the caller’s account', async () => {
    const { calls, client, context } = contextOf();
    const ctx = Object.assign({}, await context);
    const country = await ctx.reader.country('PHL');
    expect(country).toMatchObject({ iso_code: 'PHL' });
    expect(calls).toEqual(['country:PHL']);
    expect(typeof ctx.loaders.product.load).toBe('function');
    expect(typeof ctx.lookups.mobileNumber).toBe('function');
    expect(ctx.loaders.product).toBe(ctx.loaders.product);
    expect('country' in ctx.reader).toBe(true);
    expect(Object.keys(ctx.lookups)).toContain('mobileNumber');
    expect(readers).toHaveBeenCalledTimes(1);
    expect(lookupReaders).toHaveBeenCalledTimes(1);
    expect(readers.mock.calls[0]![0]).toMatchObject({ dtone: client, account: 'account-1' });
    expect(lookupReaders.mock.calls[0]![0]).toMatchObject({ dtone: client, account: 'account-1' });
  });

  it('reports what its parts read into its own meta', async () => {
    const ctx = Object.assign({}, await contextOf().context);
    const other = await contextOf().context;
    void ctx.loaders.product;
    const { onRead, onStale } = readers.mock.calls[0]![0];
    expect(lookupReaders.mock.calls[0]![0].onStale).toBe(onStale);
    expect(ctx.meta).toEqual({ stale: false, freshUntil: Number.POSITIVE_INFINITY, uncacheable: false });
    onRead!(TTL.catalogue, 5_000);
    onRead!(TTL.catalogue, 9_000);
    expect(ctx.meta).toEqual({ stale: false, freshUntil: 5_000, uncacheable: false });
    onRead!(TTL.balance, 7_000);
    onStale!();
    expect(ctx.meta).toEqual({ stale: true, freshUntil: 5_000, uncacheable: true });
    expect(other.meta).toEqual({ stale: false, freshUntil: Number.POSITIVE_INFINITY, uncacheable: false });
  });
});
