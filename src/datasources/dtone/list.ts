import type { DvsCaller, RequestOptions } from './call.js';
import { emptyPage, isEmptyListAnswer, type Page, type PageRequest, readPage } from './paging.js';
import { listOf } from './shape.js';

export interface ListRequest<T> {
  route: string;
  query: PageRequest & object;
  item: (body: unknown) => T;
  acceptLanguage?: string | undefined;
}

/** One page of a GET list; DT One's "404 for an empty list" becomes an empty page. */
export async function getListPage<T>(
  call: DvsCaller,
  request: ListRequest<T>,
  options?: RequestOptions,
): Promise<Page<T>> {
  try {
    const { data, headers } = await call(
      {
        method: 'GET',
        route: request.route,
        query: request.query,
        acceptLanguage: request.acceptLanguage,
        effect: 'read',
        decode: listOf(request.item),
      },
      options,
    );
    return readPage(data, headers, request.query);
  } catch (error) {
    if (isEmptyListAnswer(error)) return emptyPage(request.query);
    throw error;
  }
}

/** One page of a POST look-up, which carries `page`/`per_page` in its body and changes nothing upstream. */
export async function postListPage<T>(
  call: DvsCaller,
  request: { route: string; body: PageRequest & object; item: (body: unknown) => T },
  options?: RequestOptions,
): Promise<Page<T>> {
  const { data, headers } = await call(
    {
      method: 'POST',
      route: request.route,
      body: request.body,
      effect: 'read',
      decode: listOf(request.item),
    },
    options,
  );
  return readPage(data, headers, request.body);
}
