import { notFound } from '../errors.js';
import { CATALOGUE } from './auth.js';
import { builder } from './builder.js';
import { windowConnection } from './connection.js';
import { copy } from './copy.js';
import { CountryRef, ServiceRef, SubserviceRef } from './refs.js';

builder.node(ServiceRef, {
  authScopes: CATALOGUE,
  description: 'An industry DT One serves (Mobile, Utilities, Gift Cards, eSIM, …).',
  id: { resolve: (s) => s.id, parse: Number },
  loadOne: async (id, ctx) => copy(Number.isSafeInteger(id) && id > 0 ? await ctx.reader.service(id) : null),
  fields: (t) => ({
    serviceId: t.exposeInt('id', { description: "DT One's service id." }),
    name: t.exposeString('name'),
    subservices: t.field({
      type: [SubserviceRef],
      resolve: (s) => (s.subservices ?? []).map((sub) => ({ id: sub.id, name: sub.name, serviceId: s.id })),
    }),
    countries: t.connection(
      {
        type: CountryRef,
        description: 'Countries where this service has products.',
        resolve: (s, args, ctx) =>
          windowConnection(args, (offset, limit) =>
            ctx.reader.window({ resource: 'countries', filters: { service_id: s.id } }, offset, limit),
          ),
      },
      { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
    ),
  }),
});

builder.objectType(SubserviceRef, {
  authScopes: CATALOGUE,
  description: 'A subdivision of a service (Airtime, Data, Electricity, Gaming, …).',
  fields: (t) => ({
    subserviceId: t.exposeInt('id'),
    name: t.exposeString('name'),
    service: t.field({
      type: ServiceRef,
      nullable: true,
      resolve: (s, _args, ctx) => ctx.reader.service(s.serviceId),
    }),
  }),
});

builder.queryFields((t) => ({
  services: t.connection(
    {
      type: ServiceRef,
      description: 'Services available to the account, optionally only those offered in one country.',
      args: { countryIsoCode: t.arg({ type: 'CountryCode' }) },
      resolve: (_root, args, ctx) =>
        windowConnection(args, (offset, limit) =>
          ctx.reader.window(
            { resource: 'services', filters: { country_iso_code: args.countryIsoCode ?? undefined } },
            offset,
            limit,
          ),
        ),
    },
    { fields: (c) => ({ totalCount: c.int({ resolve: (conn) => conn.totalCount }) }) },
  ),
  service: t.field({
    type: ServiceRef,
    nullable: true,
    args: { id: t.arg.int({ required: true, description: "DT One's service id." }) },
    resolve: async (_root, { id }, ctx) =>
      (await ctx.reader.service(id)) ?? Promise.reject(notFound(`Service ${id}`)),
  }),
}));
