import { describe, expect, it } from 'vitest';
import { DtOneNotFoundError, DtOneProtocolError, fromResponse } from './errors.js';
import { collectAllPages, emptyPage, isEmptyListAnswer, type Page, readPage } from './paging.js';

describe('readPage', () => {
  it('reads every paging and rate-limit header', () => {
    const page = readPage(
      ['a', 'b'],
      {
        'x-page': '2',
        'x-per-page': '2',
        'x-total': '5',
        'x-total-pages': '3',
        'x-next-page': '3',
        'x-prev-page': '1',
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': '42',
      },
      {},
    );
    expect(page).toEqual({
      items: ['a', 'b'],
      page: 2,
      perPage: 2,
      total: 5,
      totalPages: 3,
      nextPage: 3,
      prevPage: 1,
      rateLimit: { limit: 100, remaining: 42 },
    });
  });

  it('has no next page on the last page and no previous page on the first', () => {
    const last = readPage(
      ['e'],
      { 'x-page': '3', 'x-per-page': '2', 'x-total': '5', 'x-total-pages': '3' },
      {},
    );
    expect(last.nextPage).toBeNull();
    expect(last.prevPage).toBe(2);
    const first = readPage(['a'], { 'x-page': '1', 'x-total-pages': '3', 'x-prev-page': '0' }, {});
    expect(first.prevPage).toBeNull();
    expect(first.nextPage).toBe(2);
  });

  it('derives what is missing or garbled from the request and the other headers', () => {
    const page = readPage(
      ['a', 'b'],
      { 'x-total': '7', 'x-page': 'two', 'x-total-pages': '-1' },
      { page: 2, per_page: 2 },
    );
    expect(page).toMatchObject({ page: 2, perPage: 2, total: 7, totalPages: 4, nextPage: 3, prevPage: 1 });
    expect(page.rateLimit).toEqual({ limit: null, remaining: null });
  });

  it('treats an answer without any header as a single page', () => {
    expect(readPage(['a', 'b', 'c'], {}, {})).toMatchObject({
      page: 1,
      total: 3,
      totalPages: 1,
      nextPage: null,
    });
  });
});

describe('isEmptyListAnswer', () => {
  const notFound = (code: number) =>
    fromResponse(404, JSON.stringify({ errors: [{ code, message: 'x' }] }), {});

  it('accepts DT One’s 404 with an entity code, or with no body, as an empty list', () => {
    expect(isEmptyListAnswer(notFound(1003201))).toBe(true);
    expect(isEmptyListAnswer(notFound(1008004))).toBe(true);
    expect(isEmptyListAnswer(fromResponse(404, '', {}))).toBe(true);
  });

  it('keeps an unknown path (1000404), an HTML 404 and other errors as errors', () => {
    expect(isEmptyListAnswer(notFound(1000404))).toBe(false);
    expect(isEmptyListAnswer(fromResponse(404, '<html>nginx</html>', {}))).toBe(false);
    expect(isEmptyListAnswer(fromResponse(400, '', {}))).toBe(false);
    expect(isEmptyListAnswer(new Error('x'))).toBe(false);
    expect(fromResponse(404, '', {})).toBeInstanceOf(DtOneNotFoundError);
  });
});

describe('collectAllPages', () => {
  function pages(totalPages: number, perPage = 2) {
    const requested: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const fetchPage = async (n: number): Promise<Page<string>> => {
      requested.push(n);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      const items = Array.from({ length: perPage }, (_, i) => `p${n}-${i}`);
      return { ...emptyPage({ page: n, per_page: perPage }), items, totalPages, total: totalPages * perPage };
    };
    return { fetchPage, requested, maxInFlight: () => maxInFlight };
  }

  it('fetches page 1, then every other page at once, and keeps page order', async () => {
    const source = pages(4);
    const items = await collectAllPages(source.fetchPage);
    expect(items).toEqual(['p1-0', 'p1-1', 'p2-0', 'p2-1', 'p3-0', 'p3-1', 'p4-0', 'p4-1']);
    expect(source.requested[0]).toBe(1);
    expect([...source.requested].sort()).toEqual([1, 2, 3, 4]);
    expect(source.maxInFlight()).toBe(3);
  });

  it('makes one call for a single or empty list', async () => {
    const one = pages(1);
    await collectAllPages(one.fetchPage);
    expect(one.requested).toEqual([1]);
    const none = pages(0, 0);
    expect(await collectAllPages(none.fetchPage)).toEqual([]);
    expect(none.requested).toEqual([1]);
  });

  it('refuses a list that claims more pages than allowed', async () => {
    const source = pages(5000);
    await expect(collectAllPages(source.fetchPage, { maxPages: 1000 })).rejects.toBeInstanceOf(
      DtOneProtocolError,
    );
    expect(source.requested).toEqual([1]);
  });
});
