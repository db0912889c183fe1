import { GraphQLError } from 'graphql';
import { keyPairProblems, tenantProblem } from '../accounts/key-pairs.js';
import type { GatewayContext } from '../context.js';
import { ErrorCode } from '../errors.js';
import type { TenantAccountRecord } from '../store/account-types.js';
import { tenantOf } from './auth.js';
import { builder } from './builder.js';

/**
 * Setting or seeing DT One key pairs: they decide whose money moves where. A key manages its own tenant's pairs; only
 * an operator's (`admin`) names another tenant, since a pair set on a tenant routes that tenant's customers' data too.
 */
export const ACCOUNTS_ADMIN = { 'accounts:admin': true } as const;

const DtOneApiEnum = builder.enumType('DtOneApi', {
  description: "DT One's two APIs, each with key pairs of its own.",
  values: {
    DVS: { description: 'Top-ups, bundles, PINs and payments (`createTransaction`).' },
    GS: { description: 'Goods & Services bill payments (`payBill`).' },
  },
});

const TenantAccountRef = builder.objectRef<TenantAccountRecord>('TenantAccount').implement({
  description:
    "A tenant's own DT One key pair for one API: its calls, catalogue cache, balances and budget use that account " +
    "instead of the deployment's. The key and secret are never shown, only what tells them apart.",
  authScopes: ACCOUNTS_ADMIN,
  fields: (t) => ({
    tenantId: t.exposeString('tenantId'),
    api: t.field({ type: DtOneApiEnum, resolve: (a) => a.api }),
    fingerprint: t.exposeString('fingerprint', {
      description: 'Names the API key without revealing it: the same key always shows the same fingerprint.',
    }),
    keyHint: t.exposeString('keyHint', { description: "The API key's last 4 characters." }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When the pair was last set.',
      resolve: (a) => a.updatedAt,
    }),
  }),
});

const TENANT_ARG = "The caller's own tenant when absent; another tenant's needs the admin scope.";

const SetTenantAccountInputRef = builder.inputType('SetTenantAccountInput', {
  fields: (t) => ({
    tenantId: t.string({ description: TENANT_ARG }),
    api: t.field({ type: DtOneApiEnum, required: true }),
    apiKey: t.string({ required: true, description: 'From DT Shop (Developer → API keys) of that account.' }),
    apiSecret: t.string({ required: true }),
  }),
});

const ClearTenantAccountInputRef = builder.inputType('ClearTenantAccountInput', {
  fields: (t) => ({
    tenantId: t.string({ description: TENANT_ARG }),
    api: t.field({ type: DtOneApiEnum, description: 'Only this API’s pair; both when absent.' }),
  }),
});

/** A refused input names what is wrong and never echoes a secret. */
function badInput(problems: string[]): GraphQLError {
  return new GraphQLError(problems.join('; '), { extensions: { code: ErrorCode.BAD_USER_INPUT } });
}

/** The tenant a call manages: the caller's own, or (operators only) the one it names. */
function tenantFor(ctx: GatewayContext, named: string | null | undefined): string {
  const own = tenantOf(ctx);
  if (named == null || named === own) return own;
  const problem = tenantProblem(named);
  if (problem) throw badInput([problem]);
  if (!ctx.caller.scopes.has('admin')) {
    throw new GraphQLError(
      "This API key manages only its own tenant's DT One accounts (the admin scope any)",
      {
        extensions: { code: 'FORBIDDEN' },
      },
    );
  }
  return named;
}

builder.queryField('tenantAccounts', (t) =>
  t.field({
    type: [TenantAccountRef],
    description:
      "A tenant's own DT One key pairs, by API (`dtone-gateway accounts list` shows every tenant's).",
    args: { tenantId: t.arg.string({ description: TENANT_ARG }) },
    skipTypeScopes: true,
    authScopes: ACCOUNTS_ADMIN,
    resolve: (_root, { tenantId }, ctx) => ctx.accounts.list(tenantFor(ctx, tenantId)),
  }),
);

builder.mutationFields((t) => ({
  setTenantAccount: t.field({
    type: TenantAccountRef,
    description:
      "Sets (or rotates) a tenant's own DT One key pair for one API, sealed at rest; its calls use it from the next " +
      'one on (on other instances within seconds). Transactions already sent stay with the account that sent them.',
    args: { input: t.arg({ type: SetTenantAccountInputRef, required: true }) },
    skipTypeScopes: true,
    authScopes: ACCOUNTS_ADMIN,
    resolve: (_root, { input }, ctx) => {
      const tenantId = tenantFor(ctx, input.tenantId);
      const pair = { apiKey: input.apiKey, apiSecret: input.apiSecret };
      const problems = keyPairProblems(tenantId, pair);
      if (problems.length > 0) throw badInput(problems);
      return ctx.accounts.set(tenantId, input.api, pair);
    },
  }),
  clearTenantAccount: t.int({
    description:
      "Removes a tenant's own key pair for one API, or both: its calls use the deployment's account again. " +
      'Answers how many pairs were removed.',
    args: { input: t.arg({ type: ClearTenantAccountInputRef, required: true }) },
    skipTypeScopes: true,
    authScopes: ACCOUNTS_ADMIN,
    resolve: (_root, { input }, ctx) =>
      ctx.accounts.clear(tenantFor(ctx, input.tenantId), input.api ?? undefined),
  }),
}));
