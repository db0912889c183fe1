import { notFound } from '../errors.js';
import { CATALOGUE } from './auth.js';
import { builder } from './builder.js';
import { sliceConnection, windowConnection } from './connection.js';
import { copy } from './copy.js';
import { ProductFilterRef, ProductSortEnum, toProductFilters } from './product-filter.js';
import { CountryRef, OperatorRef, ProductRef, PromotionRef, RegionRef } from './refs.js';

builder.node(OperatorRef, {
  authScopes: CATALOGUE,
  description: 'A mobile operator, biller or brand that delivers products.',
  id: { resolve: (o) => o.id, parse: Number },
  loadOne: async (id, ctx) => copy(Number.isSafeInteger(id) && id > 0 ? await ctx.reader.operator(id) : null),
  fields: (t) => ({
    operatorId: t.exposeInt('id', { description: "DT One's operator id." }),
    name: t.exposeString('name'),
    country: t.field({
      type: CountryRef,
      description: 'The country as DT One embeds it in the operator: no extra call.',
      resolve: (o) => o.country,
    }),
    regions: t.field({ type: [RegionRef], resolve: (o) => o.regions ?? [] }),
    products: t.connection(
      {
        type: ProductRef,
        description: "This operator's products. The products of sibling operators are read in the same call.",
        args: { filter: t.arg({ type: ProductFilterRef }), sort: t.arg({ type: [ProductSortEnum] }) },
        resolve: async (o, args, ctx) => {
          const filters = toProductFilters({ ...args.filter, sort: args.sort });
          const products = await ctx.loaders.operatorProducts.load({
            operatorId: o.id,
            countryIso: o.country.iso_code,
            language: ctx.language,
            filters,
          });
          return sliceConnection(
            args,
            products.map((data) => ({ data, language: ctx.language })),
          );
        },
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
    ),
    promotions: t.connection(
      {
        type: PromotionRef,
        resolve: async (o, args, ctx) => {
          const promotions = await ctx.loaders.operatorPromotions.load({
            operatorId: o.id,
            countryIso: o.country.iso_code,
            language: ctx.language,
          });
          return sliceConnection(
            args,
            promotions.map((data) => ({ data, language: ctx.language })),
          );
        },
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
    ),
  }),
});

builder.queryFields((t) => ({
  operators: t.connection(
    {
      type: OperatorRef,
      args: {
        countryIsoCode: t.arg({ type: 'CountryCode' }),
        serviceId: t.arg.int(),
        subserviceId: t.arg.int({ description: 'Needs serviceId.' }),
      },
      resolve: (_root, args, ctx) =>
        windowConnection(args, (offset, limit) =>
          ctx.reader.window(
            {
              resource: 'operators',
              filters: {
                country_iso_code: args.countryIsoCode ?? undefined,
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
  operator: t.field({
    type: OperatorRef,
    nullable: true,
    args: { id: t.arg.int({ required: true, description: "DT One's operator id." }) },
    resolve: async (_root, { id }, ctx) =>
      (await ctx.reader.operator(id)) ?? Promise.reject(notFound(`Operator ${id}`)),
  }),
}));
