import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { GsEngine } from './gs/engine.js';
import { type ApiCredentials, checkBasic, createGsAuth } from './http/auth.js';
import type { Route } from './http/types.js';
import type { Ledger } from './ledger.js';
import { gsRoutes } from './routes/gs.js';
import { transactionRoutes } from './routes/transactions.js';
import type { TransactionEngine } from './transactions/engine.js';

/**
 * One DT One account: its own key pairs (DVS and G&S), balances, transactions and bill payments. DT One serves many
 * partners, each seeing only its own money and transactions; the catalogue is the same for all of them.
 */
export interface SandboxAccount {
  /** `default` for the account the sandbox starts with, then `account-2`, `account-3`, … */
  id: string;
  credentials: { dvs: ApiCredentials; gs: ApiCredentials };
  ledger: Ledger;
  engine: TransactionEngine;
  gs: GsEngine;
  /** This account's handlers of the routes that touch its money (transactions, balances, G&S), by route key. */
  routes: ReadonlyMap<string, Route>;
}

/** What an account is made of; `openAccount` adds its routes. */
export type AccountParts = Omit<SandboxAccount, 'routes'>;

export function openAccount(parts: AccountParts): SandboxAccount {
  const routes = new Map<string, Route>();
  for (const route of [...transactionRoutes(parts.engine, parts.ledger), ...gsRoutes(parts.gs)]) {
    routes.set(`${route.method} ${route.template}`, route);
  }
  return { ...parts, routes };
}

export function randomCredentials(prefix: string): ApiCredentials {
  return {
    apiKey: `${prefix}-sandbox-${randomBytes(6).toString('hex')}`,
    apiSecret: randomBytes(18).toString('base64url'),
  };
}

/**
 * Every account of one sandbox. Requests find theirs by the credentials they carry; accounts added after the start
 * (`add`) live in memory only, like call counts and faults, even when the default account is durable.
 */
export function createAccountBook(first: SandboxAccount, make: (n: number) => AccountParts) {
  const accounts: SandboxAccount[] = [];
  const gsChecks: Array<(headers: IncomingHttpHeaders) => string | undefined> = [];
  const keep = (account: SandboxAccount) => {
    accounts.push(account);
    gsChecks.push(createGsAuth(account.credentials.gs));
    return account;
  };
  keep(first);

  return {
    default: first,
    /** Opens one more account, with the catalogue's starting balances. */
    add(): SandboxAccount {
      return keep(openAccount(make(accounts.length + 1)));
    },
    get: (id: string): SandboxAccount | undefined => accounts.find((a) => a.id === id),
    list: (): readonly SandboxAccount[] => accounts,
    /** The account whose DVS key and secret the request's HTTP Basic header carries. */
    byDvs(headers: IncomingHttpHeaders): SandboxAccount | undefined {
      return accounts.find((a) => checkBasic(headers, a.credentials.dvs) !== undefined);
    },
    /** The account whose G&S key signed the request (each key keeps its own used nonces). */
    byGs(headers: IncomingHttpHeaders): SandboxAccount | undefined {
      const index = gsChecks.findIndex((check) => check(headers) !== undefined);
      return index < 0 ? undefined : accounts[index];
    },
  };
}

export type AccountBook = ReturnType<typeof createAccountBook>;
