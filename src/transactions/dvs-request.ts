import type { CreateTransactionBody, Product } from '../datasources/dtone/types.js';
import type { Decimal } from '../money/decimal.js';
import { computeQuote, type QuoteFailure } from '../quote/compute.js';
import { productTermsOf } from '../quote/terms.js';
import { InvalidInputError } from './errors.js';

export interface PartyIdentifierInput {
  mobileNumber?: string | null | undefined;
  accountNumber?: string | null | undefined;
  accountQualifier?: string | null | undefined;
}

export interface PersonInput {
  firstName?: string | null;
  middleName?: string | null;
  lastName?: string | null;
  nationalityCountryIsoCode?: string | null;
  mobileNumber?: string | null;
  email?: string | null;
  addressText?: string | null;
  addressCity?: string | null;
  addressCountryIsoCode?: string | null;
  addressPostalCode?: string | null;
}

/** What a client asks for, GraphQL-free; amounts are exact decimals. */
export interface CreateTransactionInput {
  idempotencyKey: string;
  productId: number;
  creditParty?: PartyIdentifierInput | null;
  debitParty?: PartyIdentifierInput | null;
  sender?: PersonInput | null;
  beneficiary?: PersonInput | null;
  statement?: { reference: string; dueDate?: string | null } | null;
  purchaserId?: string | null;
  amount?: Decimal | null;
  calculationMode?: 'SOURCE_AMOUNT' | 'DESTINATION_AMOUNT' | null;
  autoConfirm?: boolean | null;
  mode?: 'ASYNC' | 'SYNC' | null;
}

/** A ranged amount the product refuses (out of range, off its increment, too precise, mode not accepted). */
export class AmountRejectedError extends Error {
  readonly code = 'AMOUNT_REJECTED';
  constructor(readonly failure: QuoteFailure) {
    super(`The amount is not accepted (${failure.kind})`);
  }
}

const SNAKE: Record<string, string> = {
  mobileNumber: 'mobile_number',
  accountNumber: 'account_number',
  accountQualifier: 'account_qualifier',
  firstName: 'first_name',
  middleName: 'middle_name',
  lastName: 'last_name',
  nationalityCountryIsoCode: 'nationality_country_iso_code',
  email: 'email',
  addressText: 'address_text',
  addressCity: 'address_city',
  addressCountryIsoCode: 'address_country_iso_code',
  addressPostalCode: 'address_postal_code',
  reference: 'reference',
  dueDate: 'due_date',
  purchaserId: 'purchaser_id',
};
const CAMEL = Object.fromEntries(Object.entries(SNAKE).map(([camel, snake]) => [snake, camel]));

function snakeObject(input: object | null | undefined): Record<string, string> | undefined {
  if (!input) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(input))
    if (typeof v === 'string' && v !== '' && SNAKE[k]) out[SNAKE[k]] = v;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Checks the input against what the product requires (`required_*_fields`: alternatives of field sets) and its
 * ranged terms, before anything is sent, and builds DT One's create body.
 */
export function buildCreateBody(
  product: Product,
  input: CreateTransactionInput,
  externalId: string,
  callbackUrl: string,
): CreateTransactionBody {
  const parts: Array<[string, keyof Product, Record<string, string> | undefined]> = [
    [
      'creditParty',
      'required_credit_party_identifier_fields' as keyof Product,
      snakeObject(input.creditParty),
    ],
    ['debitParty', 'required_debit_party_identifier_fields' as keyof Product, snakeObject(input.debitParty)],
    ['sender', 'required_sender_fields' as keyof Product, snakeObject(input.sender)],
    ['beneficiary', 'required_beneficiary_fields' as keyof Product, snakeObject(input.beneficiary)],
    ['statement', 'required_statement_identifier_fields' as keyof Product, snakeObject(input.statement)],
    [
      'purchaserId',
      'required_additional_identifier_fields' as keyof Product,
      input.purchaserId ? { purchaser_id: input.purchaserId } : undefined,
    ],
  ];
  for (const [field, requirement, given] of parts) {
    const alternatives = (product as unknown as Record<string, string[][] | null | undefined>)[
      requirement as string
    ];
    if (!alternatives || alternatives.length === 0) continue;
    const satisfied = alternatives.some((set) => set.every((name) => given?.[name] !== undefined));
    if (!satisfied) {
      const first = alternatives[0] ?? [];
      const missing = first.find((name) => given?.[name] === undefined) ?? first[0] ?? field;
      const path = field === 'purchaserId' ? ['purchaserId'] : [field, CAMEL[missing] ?? missing];
      throw new InvalidInputError(path, `Product ${product.id} needs ${path.join('.')}`);
    }
  }

  const body: CreateTransactionBody = {
    external_id: externalId,
    product_id: product.id,
    auto_confirm: input.autoConfirm === true,
    callback_url: callbackUrl,
  } as CreateTransactionBody;
  const mutable = body as unknown as Record<string, unknown>;
  const credit = snakeObject(input.creditParty);
  if (credit) mutable.credit_party_identifier = credit;
  const debit = snakeObject(input.debitParty);
  if (debit) mutable.debit_party_identifier = debit;
  const sender = snakeObject(input.sender);
  if (sender) mutable.sender = sender;
  const beneficiary = snakeObject(input.beneficiary);
  if (beneficiary) mutable.beneficiary = beneficiary;
  const statement = snakeObject(input.statement);
  if (statement) mutable.statement_identifier = statement;
  if (input.purchaserId) mutable.additional_identifier = { purchaser_id: input.purchaserId };

  const terms = productTermsOf(product);
  if (terms.kind === 'ranged') {
    if (!input.calculationMode)
      throw new InvalidInputError(['calculationMode'], 'A ranged product needs calculationMode');
    if (!input.amount) throw new InvalidInputError(['amount'], 'A ranged product needs an amount');
    const outcome = computeQuote(terms.terms, input.calculationMode, input.amount);
    if (!outcome.ok) throw new AmountRejectedError(outcome.failure);
    const side = input.calculationMode === 'SOURCE_AMOUNT' ? outcome.quote.source : outcome.quote.destination;
    mutable.calculation_mode = input.calculationMode;
    mutable[input.calculationMode === 'SOURCE_AMOUNT' ? 'source' : 'destination'] = {
      unit_type: 'CURRENCY',
      unit: side.unit,
      amount: side.amount,
    };
  } else if (input.amount || input.calculationMode) {
    throw new InvalidInputError(
      ['amount'],
      `Product ${product.id} has a fixed amount: leave amount and calculationMode out`,
    );
  }
  return body;
}
