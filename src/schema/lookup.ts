import { GraphQLError } from 'graphql';
import { isPossiblePhoneNumber } from 'libphonenumber-js';
import { DtOneProtocolError } from '../datasources/dtone/errors.js';
import type {
  CreditPartyBenefit,
  CreditPartyStatus,
  Operator,
  Statement,
} from '../datasources/dtone/types.js';
import type { CreditPartyIdentifier } from '../datasources/lookup-reader.js';
import { ErrorCode } from '../errors.js';
import { Decimal } from '../money/decimal.js';
import { Money } from '../money/money.js';
import { CATALOGUE } from './auth.js';
import { builder } from './builder.js';
import { MoneyRef } from './money.js';
import { CountryRef, OperatorRef } from './refs.js';

interface MobileOperatorMatchShape {
  identified: boolean;
  operator: Operator;
}

const MobileOperatorMatchRef = builder.objectRef<MobileOperatorMatchShape>('MobileOperatorMatch').implement({
  authScopes: CATALOGUE,
  description:
    'An operator a mobile number may belong to. Numbers get ported: let the user confirm the operator.',
  fields: (t) => ({
    identified: t.exposeBoolean('identified', {
      description: 'True when DT One matched the number to this operator directly.',
    }),
    operator: t.field({ type: OperatorRef, resolve: (m) => m.operator }),
  }),
});

const StatementRef = builder.objectRef<Statement>('Statement').implement({
  authScopes: CATALOGUE,
  description: 'An open bill statement of an account.',
  fields: (t) => ({
    reference: t.string({ resolve: (s) => String(s.reference) }),
    dueDate: t.string({
      nullable: true,
      description: 'YYYY-MM-DD.',
      resolve: (s) => s.dates.due ?? null,
    }),
    statementDate: t.string({
      nullable: true,
      description: 'YYYY-MM-DD.',
      resolve: (s) => s.dates.statement ?? null,
    }),
    balance: t.field({
      type: MoneyRef,
      description: 'What is still owed on this statement.',
      resolve: (s) => {
        const { amount, unit } = s.balance;
        if (amount === undefined || !unit) throw new DtOneProtocolError('unexpected_shape', { status: 200 });
        return Money.fromWire(amount, unit);
      },
    }),
  }),
});

const CreditPartyBenefitRef = builder.objectRef<CreditPartyBenefit>('CreditPartyBenefit').implement({
  authScopes: CATALOGUE,
  description: 'What a subscriber (or an eSIM) has left of a benefit.',
  fields: (t) => ({
    type: t.string({
      description: 'TALKTIME, DATA, SMS, PAYMENT or CREDITS (or a newer type).',
      resolve: (b) => b.type,
    }),
    unitType: t.string({ description: 'TIME, DATA, QUANTITY or CURRENCY.', resolve: (b) => b.unit_type }),
    unit: t.exposeString('unit'),
    amount: t.field({
      type: 'Decimal',
      description: 'What is left; "-1" when unlimited.',
      resolve: (b) => Decimal.fromWire(b.amount),
    }),
    unlimited: t.boolean({ resolve: (b) => Decimal.eq(Decimal.fromWire(b.amount), Decimal.parse('-1')) }),
    expirationDate: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Null when nothing expires, or the benefit is not activated yet.',
      resolve: (b) => b.expiration_date,
    }),
    country: t.field({ type: CountryRef, resolve: (b) => b.country }),
  }),
});

const CreditPartyStatusRef = builder.objectRef<CreditPartyStatus>('CreditPartyStatus').implement({
  authScopes: CATALOGUE,
  description: 'Whether a credit party (e.g. an eSIM) is installed and active on its network.',
  fields: (t) => ({
    installationDate: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Null when not installed yet, or installation does not apply.',
      resolve: (s) => s.installation_date,
    }),
    activationDate: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Null when not active on the network yet.',
      resolve: (s) => s.activation_date,
    }),
  }),
});

const CreditPartyInputRef = builder.inputType('CreditPartyInput', {
  description: 'Who receives a product: at least one field.',
  fields: (t) => ({
    mobileNumber: t.field({ type: 'PhoneNumber' }),
    accountNumber: t.string({ description: '1 to 90 characters, e.g. an ICCID for an eSIM.' }),
    accountQualifier: t.string(),
  }),
});

interface CreditPartyInput {
  mobileNumber?: string | null | undefined;
  accountNumber?: string | null | undefined;
  accountQualifier?: string | null | undefined;
}

function badInput(message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

function possibleNumber(number: string, field: string): string {
  if (!isPossiblePhoneNumber(number)) {
    throw badInput(`${field} cannot be a phone number: wrong length for its country code`, field);
  }
  return number;
}

/** 1 to 90 characters with at least one that is not blank, as DT One's `account_number` schema says. */
function accountText(value: string, field: string): string {
  if (value.length < 1 || value.length > 90 || value.trim() === '') {
    throw badInput(`${field} must be 1 to 90 characters, not all blank`, field);
  }
  return value;
}

function toIdentifier(input: CreditPartyInput): CreditPartyIdentifier {
  const party: CreditPartyIdentifier = {};
  if (input.mobileNumber != null)
    party.mobile_number = possibleNumber(input.mobileNumber, 'creditParty.mobileNumber');
  if (input.accountNumber != null)
    party.account_number = accountText(input.accountNumber, 'creditParty.accountNumber');
  if (input.accountQualifier != null)
    party.account_qualifier = accountText(input.accountQualifier, 'creditParty.accountQualifier');
  if (Object.keys(party).length === 0) {
    throw badInput(
      'creditParty needs a mobileNumber, an accountNumber or an accountQualifier',
      'creditParty',
    );
  }
  return party;
}

builder.queryFields((t) => ({
  lookupMobileNumber: t.field({
    type: [MobileOperatorMatchRef],
    description: 'Operators a mobile number may belong to, direct matches first as DT One orders them.',
    args: { number: t.arg({ type: 'PhoneNumber', required: true }) },
    resolve: async (_root, { number }, ctx) => {
      const operators = await ctx.lookups.mobileNumber(possibleNumber(number, 'number'));
      return operators.map(({ identified, ...operator }) => ({ identified, operator }));
    },
  }),

  statementInquiry: t.field({
    type: [StatementRef],
    description: 'Open statements of a bill account, for products that support statement inquiry.',
    args: {
      productId: t.arg.int({ required: true }),
      accountNumber: t.arg.string({ required: true }),
      accountQualifier: t.arg.string(),
    },
    resolve: (_root, { productId, accountNumber, accountQualifier }, ctx) =>
      ctx.lookups.statements(
        productId,
        accountText(accountNumber, 'accountNumber'),
        accountQualifier == null ? undefined : accountText(accountQualifier, 'accountQualifier'),
      ),
  }),

  creditPartyBenefits: t.field({
    type: [CreditPartyBenefitRef],
    description: 'What a subscriber has left (talk time, data, SMS), e.g. on an eSIM.',
    args: {
      serviceId: t.arg.int({ required: true }),
      creditParty: t.arg({ type: CreditPartyInputRef, required: true }),
    },
    resolve: (_root, { serviceId, creditParty }, ctx) =>
      ctx.lookups.creditPartyBenefits(serviceId, toIdentifier(creditParty)),
  }),

  creditPartyStatus: t.field({
    type: CreditPartyStatusRef,
    description: 'Installation and activation of a credit party, e.g. an eSIM.',
    args: {
      serviceId: t.arg.int({ required: true }),
      creditParty: t.arg({ type: CreditPartyInputRef, required: true }),
    },
    resolve: (_root, { serviceId, creditParty }, ctx) =>
      ctx.lookups.creditPartyStatus(serviceId, toIdentifier(creditParty)),
  }),
}));
