import type { Catalogue } from '../catalogue/types.js';
import { SandboxError } from '../errors.js';
import { paginate, readPageParams } from '../http/paging.js';
import { readId, readOptionalCountry, readOptionalId } from '../http/params.js';
import type { Route } from '../http/types.js';

/** Services, countries, operators and benefit types: `/v1/services…`, `/v1/countries…`, `/v1/operators…`. */
export function discoveryRoutes(catalogue: Catalogue): Route[] {
  return [
    {
      method: 'GET',
      template: '/v1/services',
      api: 'dvs',
      handler: ({ query }) => {
        const country = readOptionalCountry(query);
        const paging = readPageParams(query);
        const items = catalogue.services.filter((s) => !country || s.countryIsoCodes.has(country));
        const page = paginate(items, paging);
        return { status: 200, body: page.items.map((s) => s.json), headers: page.headers };
      },
    },
    {
      method: 'GET',
      template: '/v1/services/{service_id}',
      api: 'dvs',
      handler: ({ params }) => {
        const service = catalogue.byId.service.get(readId(params.service_id, 'service_id'));
        if (!service) throw new SandboxError(1005004);
        return { status: 200, body: service.json };
      },
    },
    {
      method: 'GET',
      template: '/v1/countries',
      api: 'dvs',
      handler: ({ query }) => {
        const serviceId = readOptionalId(query, 'service_id');
        const subserviceId = readOptionalId(query, 'subservice_id');
        if (subserviceId !== undefined && serviceId === undefined) {
          throw new SandboxError(1000400, 'service_id is required when subservice_id is given');
        }
        const paging = readPageParams(query);
        const items = catalogue.countries.filter(
          (c) =>
            (serviceId === undefined || c.serviceIds.has(serviceId)) &&
            (subserviceId === undefined || c.subserviceIds.has(subserviceId)),
        );
        const page = paginate(items, paging);
        return { status: 200, body: page.items.map((c) => c.json), headers: page.headers };
      },
    },
    {
      method: 'GET',
      template: '/v1/countries/{country_iso_code}',
      api: 'dvs',
      handler: ({ params }) => {
        const iso = params.country_iso_code ?? '';
        if (!/^[A-Z]{3}$/.test(iso)) throw new SandboxError(1000400, 'country_iso_code is invalid');
        const country = catalogue.byId.country.get(iso);
        if (!country) throw new SandboxError(1005005);
        return { status: 200, body: country.json };
      },
    },
    {
      method: 'GET',
      template: '/v1/operators',
      api: 'dvs',
      handler: ({ query }) => {
        const country = readOptionalCountry(query);
        const serviceId = readOptionalId(query, 'service_id');
        const subserviceId = readOptionalId(query, 'subservice_id');
        if (subserviceId !== undefined && serviceId === undefined) {
          throw new SandboxError(1000400, 'service_id is required when subservice_id is given');
        }
        const paging = readPageParams(query);
        const items = catalogue.operators.filter(
          (o) =>
            (!country || o.countryIsoCode === country) &&
            (serviceId === undefined || o.serviceIds.has(serviceId)) &&
            (subserviceId === undefined || o.subserviceIds.has(subserviceId)),
        );
        const page = paginate(items, paging);
        return { status: 200, body: page.items.map((o) => o.json), headers: page.headers };
      },
    },
    {
      method: 'GET',
      template: '/v1/operators/{operator_id}',
      api: 'dvs',
      handler: ({ params }) => {
        const operator = catalogue.byId.operator.get(readId(params.operator_id, 'operator_id'));
        if (!operator) throw new SandboxError(1005006);
        return { status: 200, body: operator.json };
      },
    },
    {
      method: 'GET',
      template: '/v1/benefit-types',
      api: 'dvs',
      handler: ({ query }) => {
        const page = paginate(catalogue.benefitTypes, readPageParams(query));
        return { status: 200, body: page.items, headers: page.headers };
      },
    },
  ];
}
