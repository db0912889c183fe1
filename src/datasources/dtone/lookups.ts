import type { DvsCaller, RequestOptions } from './call.js';
import { decode } from './decoders.js';
import { postListPage } from './list.js';
import type { Page } from './paging.js';
import { readPage } from './paging.js';
import { listOf } from './shape.js';
import type {
  CreditPartyBenefit,
  CreditPartyBenefitsBody,
  CreditPartyStatus,
  CreditPartyStatusBody,
  MobileNumberLegacyQuery,
  MobileNumberLookupBody,
  MobileNumberOperator,
  Statement,
  StatementInquiryBody,
} from './types.js';

/** Look-ups. The POST ones change nothing upstream, so they are retried like reads. */
export interface LookupMethods {
  /** Operators a mobile number may belong to (`identified` = direct match); let the user pick when ported. */
  lookupMobileNumber(
    body: MobileNumberLookupBody,
    options?: RequestOptions,
  ): Promise<Page<MobileNumberOperator>>;
  /** @deprecated DT One deprecated `GET /lookup/mobile-number/{mobile_number}`; use `lookupMobileNumber`. */
  lookupMobileNumberLegacy(
    mobileNumber: string,
    query?: MobileNumberLegacyQuery,
    options?: RequestOptions,
  ): Promise<Page<MobileNumberOperator>>;
  inquireStatements(body: StatementInquiryBody, options?: RequestOptions): Promise<Page<Statement>>;
  lookupCreditPartyBenefits(
    body: CreditPartyBenefitsBody,
    options?: RequestOptions,
  ): Promise<Page<CreditPartyBenefit>>;
  lookupCreditPartyStatus(body: CreditPartyStatusBody, options?: RequestOptions): Promise<CreditPartyStatus>;
}

export function lookupMethods(call: DvsCaller): LookupMethods {
  return {
    lookupMobileNumber: (body, options) =>
      postListPage(
        call,
        { route: '/lookup/mobile-number', body, item: decode.mobileNumberOperator },
        options,
      ),

    async lookupMobileNumberLegacy(mobileNumber, query = {}, options) {
      const { data, headers } = await call(
        {
          method: 'GET',
          route: '/lookup/mobile-number/{mobile_number}',
          params: { mobile_number: mobileNumber },
          query,
          effect: 'read',
          decode: listOf(decode.mobileNumberOperator),
        },
        options,
      );
      return readPage(data, headers, query);
    },

    inquireStatements: (body, options) =>
      postListPage(call, { route: '/lookup/statement-inquiry', body, item: decode.statement }, options),

    lookupCreditPartyBenefits: (body, options) =>
      postListPage(
        call,
        { route: '/lookup/credit-party-benefits', body, item: decode.creditPartyBenefit },
        options,
      ),

    async lookupCreditPartyStatus(body, options) {
      const { data } = await call(
        {
          method: 'POST',
          route: '/lookup/credit-party-status',
          body,
          effect: 'read',
          decode: decode.creditPartyStatus,
        },
        options,
      );
      return data;
    },
  };
}
