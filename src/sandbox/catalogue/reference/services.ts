/**
 * DT One's services and subservices as the spec's "Services" tag lists them. The spec's table gives id `44`
 * twice (for "Cash Cards" and for "Food"); ids are unique, and the gap in 41..46 is 43, so Cash Cards is 43.
 */
export interface ServiceDefinition {
  id: number;
  name: string;
  subservices: readonly { id: number; name: string }[];
}

export const SERVICES: readonly ServiceDefinition[] = [
  {
    id: 1,
    name: 'Mobile',
    subservices: [
      { id: 11, name: 'Airtime' },
      { id: 12, name: 'Bundle' },
      { id: 13, name: 'Data' },
    ],
  },
  {
    id: 3,
    name: 'Utilities',
    subservices: [
      { id: 31, name: 'Electricity' },
      { id: 32, name: 'Water' },
      { id: 33, name: 'Gas' },
      { id: 34, name: 'Internet' },
      { id: 35, name: 'Landline' },
      { id: 36, name: 'Television' },
      { id: 37, name: 'VoIP' },
    ],
  },
  {
    id: 4,
    name: 'Gift Cards',
    subservices: [
      { id: 41, name: 'Retail' },
      { id: 42, name: 'Gaming' },
      { id: 43, name: 'Cash Cards' },
      { id: 44, name: 'Food' },
      { id: 45, name: 'Entertainment' },
      { id: 46, name: 'Travel and Transport' },
    ],
  },
  { id: 7, name: 'Insurance', subservices: [] },
  { id: 10, name: 'Finance', subservices: [] },
  { id: 11, name: 'Government', subservices: [] },
  { id: 12, name: 'Education', subservices: [] },
  { id: 13, name: 'eSIM', subservices: [] },
];

export const SERVICE_ID = {
  mobile: 1,
  utilities: 3,
  giftCards: 4,
  insurance: 7,
  finance: 10,
  government: 11,
  education: 12,
  esim: 13,
} as const;

export const SUBSERVICE_ID = {
  airtime: 11,
  bundle: 12,
  data: 13,
  electricity: 31,
  water: 32,
  gas: 33,
  internet: 34,
  landline: 35,
  television: 36,
  voip: 37,
} as const;

export function serviceName(id: number): string {
  const service = SERVICES.find((s) => s.id === id);
  if (!service) throw new Error(`Unknown service ${id}`);
  return service.name;
}

export function subserviceName(id: number): string {
  for (const service of SERVICES) {
    const sub = service.subservices.find((s) => s.id === id);
    if (sub) return sub.name;
  }
  throw new Error(`Unknown subservice ${id}`);
}
