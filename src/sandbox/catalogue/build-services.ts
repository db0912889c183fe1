import { SERVICES } from './reference/services.js';
import type { ServiceEntry } from './types.js';

/** The spec's services and subservices; `countryIsoCodes` is filled once products exist. */
export function buildServices(): ServiceEntry[] {
  return SERVICES.map((service) => ({
    id: service.id,
    json: {
      id: service.id,
      name: service.name,
      subservices:
        service.subservices.length > 0 ? service.subservices.map((s) => ({ id: s.id, name: s.name })) : null,
    },
    subserviceIds: service.subservices.map((s) => s.id),
    countryIsoCodes: new Set<string>(),
  }));
}
