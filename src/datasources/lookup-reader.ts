import { createHash } from 'node:crypto';
import { type EntityCache, TTL } from './cache.js';
import type { DtOneClient } from './dtone/client.js';
import { collectAllPages, MAX_PER_PAGE } from './dtone/paging.js';
import type {
  CreditPartyBenefit,
  CreditPartyStatus,
  MobileNumberOperator,
  Statement,
} from './dtone/types.js';

export interface CreditPartyIdentifier {
  mobile_number?: string;
  account_number?: string;
  account_qualifier?: string;
}

export interface LookupReaderOptions {
  dtone: DtOneClient;
  cache: EntityCache;
  /** Identifies the DT One account in cache keys, as for the catalogue reader. */
  account: string;
  onStale?: () => void;
}

/**
 * DT One's look-ups through the shared cache (`TTL.lookup`): every page of an answer is read (in parallel after
 * the first) and cached as one entry, keyed on every argument, so a repeated look-up costs no call.
 */
export function createLookupReader({ dtone, cache, account, onStale }: LookupReaderOptions) {
  const read = async <T>(what: string, args: readonly unknown[], fetch: () => Promise<T>): Promise<T> => {
    // JSON keeps arguments apart whatever they hold (an account number may contain ':'); the hash keeps phone
    // and account numbers out of cache keys, which a shared Redis layer stores and shows in plain text.
    const digest = createHash('sha256').update(JSON.stringify(args)).digest('base64url');
    const result = await cache.read(`${account}:lookup:${what}:${digest}`, TTL.lookup, fetch);
    if (result.stale) onStale?.();
    return result.value;
  };

  return {
    /** Operators the number may belong to (`identified` marks a direct match). */
    mobileNumber: (mobileNumber: string): Promise<MobileNumberOperator[]> =>
      read('mobile-number', [mobileNumber], () =>
        collectAllPages((page) =>
          dtone.lookupMobileNumber({ mobile_number: mobileNumber, page, per_page: MAX_PER_PAGE }),
        ),
      ),

    statements: (productId: number, accountNumber: string, accountQualifier?: string): Promise<Statement[]> =>
      read('statement-inquiry', [productId, accountNumber, accountQualifier ?? null], () =>
        collectAllPages((page) =>
          dtone.inquireStatements({
            product_id: productId,
            account_number: accountNumber,
            ...(accountQualifier !== undefined && { account_qualifier: accountQualifier }),
            page,
            per_page: MAX_PER_PAGE,
          }),
        ),
      ),

    creditPartyBenefits: (serviceId: number, party: CreditPartyIdentifier): Promise<CreditPartyBenefit[]> =>
      read('credit-party-benefits', [serviceId, identifierKey(party)], () =>
        collectAllPages((page) =>
          dtone.lookupCreditPartyBenefits({
            service_id: serviceId,
            credit_party_identifier: party,
            page,
            per_page: MAX_PER_PAGE,
          }),
        ),
      ),

    creditPartyStatus: (serviceId: number, party: CreditPartyIdentifier): Promise<CreditPartyStatus> =>
      read('credit-party-status', [serviceId, identifierKey(party)], () =>
        dtone.lookupCreditPartyStatus({ service_id: serviceId, credit_party_identifier: party }),
      ),
  };
}

export type LookupReader = ReturnType<typeof createLookupReader>;

/** The identifier's fields in a fixed order, absent ones as null: equal identifiers give equal keys. */
function identifierKey(party: CreditPartyIdentifier): (string | null)[] {
  return [party.mobile_number ?? null, party.account_number ?? null, party.account_qualifier ?? null];
}
