import type { FieldNode } from 'graphql';
import type { GatewayContext } from '../context.js';
import { notFound } from '../errors.js';
import { CATALOGUE } from './auth.js';
import { builder } from './builder.js';
import { windowConnection } from './connection.js';
import { copy } from './copy.js';
import { ProductFilterRef, ProductSortEnum, toProductFilters } from './product-filter.js';
import { CountryRef, OperatorRef, ProductRef, PromotionRef, RegionRef } from './refs.js';

builder.node(CountryRef, {
  authScopes: CATALOGUE,
  description: "A country (ISO 3166-1 alpha-3), or DT One's pseudo-countries GXX (global) and EXX (Europe).",
  id: { resolve: (c) => c.iso_code },
  // Cached entities are frozen; the relay plugin brands what loadOne returns, so hand it a copy.
  loadOne: async (iso, ctx) => copy(/^[A-Z]{3}$/.test(iso) ? await ctx.reader.country(iso) : null),
  fields: (t) => ({
    isoCode: t.field({ type: 'CountryCode', resolve: (c) => c.iso_code }),
    name: t.exposeString('name'),
    regions: t.field({ type: [RegionRef], resolve: (c) => c.regions ?? [] }),
    operators: t.connection(
      {
        type: OperatorRef,
        description: 'Operators and billers of this country, optionally of one service.',
        args: { serviceId: t.arg.int(), subserviceId: t.arg.int() },
        resolve: (c, args, ctx) =>
          windowConnection(args, (offset, limit) =>
            ctx.reader.window(
              {
                resource: 'operators',
                filters: {
                  country_iso_code: c.iso_code,
                  service_id: args.serviceId ?? undefined,
                  subservice_id: args.subserviceId ?? undefined,
                },
              },
              offset,
              limit,
            ),
          ),
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
    ),
    products: t.connection(
      {
        type: ProductRef,
        description: "Products of this country's operators.",
        args: { filter: t.arg({ type: ProductFilterRef }), sort: t.arg({ type: [ProductSortEnum] }) },
        resolve: (c, args, ctx) =>
          windowConnection(args, async (offset, limit) => {
            const window = await ctx.reader.window(
              {
                resource: 'products',
                filters: {
                  ...toProductFilters({ ...args.filter, sort: args.sort }),
                  country_iso_code: c.iso_code,
                },
                language: ctx.language,
              },
              offset,
              limit,
            );
            return {
              total: window.total,
              items: window.items.map((data) => ({ data, language: ctx.language })),
            };
          }),
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
    ),
    promotions: t.connection(
      {
        type: PromotionRef,
        description: 'Promotions of operators of this country that have not ended.',
        resolve: (c, args, ctx) =>
          windowConnection(args, async (offset, limit) => {
            const window = await ctx.reader.window(
              { resource: 'promotions', filters: { country_iso_code: c.iso_code }, language: ctx.language },
              offset,
              limit,
            );
            return {
              total: window.total,
              items: window.items.map((data) => ({ data, language: ctx.language })),
            };
          }),
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
    ),
  }),
});

builder.objectType(RegionRef, {
  authScopes: CATALOGUE,
  description: 'A region a product or operator covers (ISO 3166-2).',
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
  }),
});

builder.queryFields((t) => ({
  countries: t.connection(
    {
      type: CountryRef,
      description: 'Countries with products for the account, optionally of one service or subservice.',
      args: { serviceId: t.arg.int(), subserviceId: t.arg.int() },
      resolve: (_root, args, ctx, info) =>
        windowConnection(args, async (offset, limit) => {
          const window = await ctx.reader.window(
            {
              resource: 'countries',
              filters: {
                service_id: args.serviceId ?? undefined,
                subservice_id: args.subserviceId ?? undefined,
              },
            },
            offset,
            limit,
          );
          const node = selected(info.fieldNodes, ['edges', 'node']);
          if (node) for (const country of window.items) prefetchCountryLists([node], ctx, country.iso_code);
          return window;
        }),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
  ),
  country: t.field({
    type: CountryRef,
    nullable: true,
    args: { isoCode: t.arg({ type: 'CountryCode', required: true }) },
    resolve: async (_root, { isoCode }, ctx, info) => {
      prefetchCountryLists(info.fieldNodes, ctx, isoCode);
      return (await ctx.reader.country(isoCode)) ?? Promise.reject(notFound(`Country ${isoCode}`));
    },
  }),
}));

/** The field reached by following `path` through plain field selections (fragments are not followed). */
function selected(nodes: readonly FieldNode[], path: readonly string[]): FieldNode | undefined {
  let current: readonly FieldNode[] = nodes;
  let found: FieldNode | undefined;
  for (const name of path) {
    found = undefined;
    for (const node of current) {
      const next = node.selectionSet?.selections.find(
        (s): s is FieldNode => s.kind === 'Field' && s.name.value === name,
      );
      if (next) {
        found = next;
        break;
      }
    }
    if (!found) return undefined;
    current = [found];
  }
  return found;
}

/** A connection asked without filters and within the first DVS page: its list is the country's whole list. */
function plainFirstPage(field: FieldNode | undefined): boolean {
  return (
    field !== undefined &&
    (field.arguments ?? []).every(
      (a) =>
        a.name.value === 'first' &&
        (a.value.kind === 'Variable' || (a.value.kind === 'IntValue' && Number(a.value.value) <= 100)),
    )
  );
}

/**
 * Starts, in the same tick as the country itself (or as the page of countries), the country-wide lists the
 * selection will need (operators, then their products and the products' promotions): children then find them in
 * flight, and the waterfall stays shallow.
 */
function prefetchCountryLists(
  countryNodes: readonly FieldNode[],
  ctx: GatewayContext,
  isoCode: string,
): void {
  const operators = selected(countryNodes, ['operators']);
  if (!plainFirstPage(operators)) return;
  // Failures surface where the lists are read; these only start the calls.
  void ctx.reader
    .page({ resource: 'operators', filters: { country_iso_code: isoCode } }, 1)
    .catch(() => undefined);
  const products = selected([operators!], ['edges', 'node', 'products']);
  if (!plainFirstPage(products)) return;
  // The loaders read these two lists whole: start every page (later ones as soon as X-Total-Pages is known).
  const whole = (resource: 'products' | 'promotions') =>
    void ctx.reader
      .all({ resource, filters: { country_iso_code: isoCode }, language: ctx.language })
      .catch(() => undefined);
  whole('products');
  if (selected([products!], ['edges', 'node', 'promotions'])) whole('promotions');
}
