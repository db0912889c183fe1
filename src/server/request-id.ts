import { randomUUID } from 'node:crypto';

/** The client's `x-request-id` when it is well-formed (so it can be quoted safely), else a new one. */
export function newRequestId(incoming: string | null | undefined): string {
  return incoming && /^[A-Za-z0-9._:-]{1,128}$/.test(incoming) ? incoming : randomUUID();
}
