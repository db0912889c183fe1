import type { Promotion } from '../datasources/dtone/types.js';
import { notFound } from '../errors.js';
import { CATALOGUE } from './auth.js';
import { builder } from './builder.js';
import { windowConnection } from './connection.js';
import { OperatorRef, ProductRef, PromotionRef, type PromotionShape } from './refs.js';

builder.node(PromotionRef, {
  authScopes: CATALOGUE,
  description: "An operator's promotion on some of its products, for a period.",
  id: { resolve: (p) => p.data.id, parse: Number },
  loadOne: async (id, ctx) => {
    const data = Number.isSafeInteger(id) && id > 0 ? await ctx.reader.promotion(id, ctx.language) : null;
    return data ? { data, language: ctx.language } : null;
  },
  fields: (t) => ({
    promotionId: t.int({ resolve: (p) => p.data.id }),
    title: t.string({ resolve: (p) => p.data.title }),
    description: t.string({ resolve: (p) => p.data.description }),
    terms: t.string({ nullable: true, resolve: (p) => p.data.terms ?? null }),
    startDate: t.field({ type: 'DateTime', resolve: (p) => p.data.start_date }),
    endDate: t.field({ type: 'DateTime', resolve: (p) => p.data.end_date }),
    operator: t.field({
      type: OperatorRef,
      description: 'The operator as DT One embeds it in the promotion (its regions are not listed here).',
      resolve: (p) => ({
        id: p.data.operator.id,
        name: p.data.operator.name,
        country: { ...p.data.operator.country, regions: null },
        regions: null,
      }),
    }),
    products: t.field({
      type: [ProductRef],
      description: "The products on promotion (read through the operator's product list).",
      resolve: async (p, _args, ctx) => {
        const products = await ctx.loaders.product.loadMany(
          p.data.products.map((item) => ({
            productId: item.id,
            language: p.language,
            operatorId: p.data.operator.id,
          })),
        );
        return products.flatMap((data) =>
          data && !(data instanceof Error) ? [{ data, language: p.language }] : [],
        );
      },
    }),
  }),
});

const toShape =
  (language: string | undefined) =>
  (data: Promotion): PromotionShape => ({ data, language });

builder.queryFields((t) => ({
  promotions: t.connection(
    {
      type: PromotionRef,
      description: 'Promotions that have not ended, optionally of one country, operator or product.',
      args: {
        countryIsoCode: t.arg({ type: 'CountryCode' }),
        operatorId: t.arg.int(),
        productId: t.arg.int(),
      },
      resolve: (_root, args, ctx) =>
        windowConnection(args, async (offset, limit) => {
          const window = await ctx.reader.window(
            {
              resource: 'promotions',
              filters: {
                country_iso_code: args.countryIsoCode ?? undefined,
                operator_id: args.operatorId ?? undefined,
                product_id: args.productId ?? undefined,
              },
              language: ctx.language,
            },
            offset,
            limit,
          );
          return { total: window.total, items: window.items.map(toShape(ctx.language)) };
        }),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
  ),
  promotion: t.field({
    type: PromotionRef,
    nullable: true,
    args: { id: t.arg.int({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const data = await ctx.reader.promotion(id, ctx.language);
      if (!data) throw notFound(`Promotion ${id}`);
      return toShape(ctx.language)(data);
    },
  }),
}));
