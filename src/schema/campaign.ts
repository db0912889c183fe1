import { notFound } from '../errors.js';
import { CATALOGUE } from './auth.js';
import { builder } from './builder.js';
import { windowConnection } from './connection.js';
import { copy } from './copy.js';
import { CampaignRef, ProductRef } from './refs.js';

builder.node(CampaignRef, {
  authScopes: CATALOGUE,
  description: "A DT One campaign running across several operators' products.",
  id: { resolve: (c) => c.id, parse: Number },
  loadOne: async (id, ctx) => copy(Number.isSafeInteger(id) && id > 0 ? await ctx.reader.campaign(id) : null),
  fields: (t) => ({
    campaignId: t.exposeInt('id'),
    title: t.exposeString('title'),
    description: t.exposeString('description'),
    terms: t.string({ nullable: true, resolve: (c) => c.terms ?? null }),
    startDate: t.field({ type: 'DateTime', resolve: (c) => c.start_date }),
    endDate: t.field({ type: 'DateTime', resolve: (c) => c.end_date }),
    products: t.field({
      type: [ProductRef],
      resolve: async (c, _args, ctx) => {
        const products = await ctx.loaders.product.loadMany(
          c.products.map((item) => ({
            productId: item.id,
            language: ctx.language,
            operatorId: item.operator.id,
          })),
        );
        return products.flatMap((data) =>
          data && !(data instanceof Error) ? [{ data, language: ctx.language }] : [],
        );
      },
    }),
  }),
});

builder.queryFields((t) => ({
  campaigns: t.connection(
    {
      type: CampaignRef,
      description: 'Active campaigns, optionally of one country, operator or product.',
      args: {
        countryIsoCode: t.arg({ type: 'CountryCode' }),
        operatorId: t.arg.int(),
        productId: t.arg.int(),
      },
      resolve: (_root, args, ctx) =>
        windowConnection(args, (offset, limit) =>
          ctx.reader.window(
            {
              resource: 'campaigns',
              filters: {
                country_iso_code: args.countryIsoCode ?? undefined,
                operator_id: args.operatorId ?? undefined,
                product_id: args.productId ?? undefined,
              },
            },
            offset,
            limit,
          ),
        ),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
  ),
  campaign: t.field({
    type: CampaignRef,
    nullable: true,
    args: { id: t.arg.int({ required: true }) },
    resolve: async (_root, { id }, ctx) =>
      (await ctx.reader.campaign(id)) ?? Promise.reject(notFound(`Campaign ${id}`)),
  }),
}));
