import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createStore } from '../../src/store/index.js';
import { createKeyIn, TEST_DATA_KEY } from '../helpers/gateway.js';
import { spawnGateway } from '../helpers/gateway-process.js';
import { mobileTopUp, startSandbox } from '../helpers/sandbox.js';
import { waitFor } from '../helpers/wait.js';

/**
 * Canary values as DT One's credentials, a client's API key, a phone number, a bill account number and a PIN, run
 * through the whole flow set (catalogue reads, create, confirm, callbacks, a PIN purchase, a bill payment, DT One
 * errors whose bodies carry a canary), with logs at debug level. Then every log line, every response body and
 * /metrics are scanned for each canary, raw, Base64 and URL-encoded: none may appear.
 */
const canary = (label: string) => `cnry${label}${randomBytes(6).toString('hex')}`;

describe('canary scan', () => {
  it('finds no credential, key, phone number, account number or PIN in logs, responses or metrics', async () => {
    const dvs = { apiKey: canary('dvskey'), apiSecret: canary('dvssecret') };
    const gs = { apiKey: canary('gskey'), apiSecret: canary('gssecret') };
    const sandbox = await startSandbox({ credentials: { dvs, gs } });
    const dataDir = mkdtempSync(join(tmpdir(), 'dtgw-canary-'));
    const storeEnv = { DATA_DIR: dataDir };
    const store = await createStore(loadConfig(storeEnv).store);
    await store.migrate();
    const apiKey = await createKeyIn(store, 'acme');
    await store.close();
    const metricsToken = canary('metrics');
    const gateway = await spawnGateway({
      ...storeEnv,
      LOG_LEVEL: 'debug',
      DTONE_API_KEY: dvs.apiKey,
      DTONE_API_SECRET: dvs.apiSecret,
      DTONE_BASE_URL: `${sandbox.url}/v1`,
      DTONE_GS_API_KEY: gs.apiKey,
      DTONE_GS_API_SECRET: gs.apiSecret,
      DTONE_GS_BASE_URL: `${sandbox.url}/v1.1`,
      DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
      METRICS_TOKEN: metricsToken,
    });
    const bodies: string[] = [];
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      bodies.push(text);
      return JSON.parse(text) as { data?: Record<string, Record<string, unknown>>; errors?: unknown[] };
    };
    const CREATE = /* GraphQL */ `mutation ($input: CreateTransactionInput!) {
      createTransaction(input: $input) { __typename ... on CreateTransactionSuccess { transaction { id statusClass } } }
    }`;
    const READ = /* GraphQL */ `query ($id: ID!) {
      transaction(id: $id) { id status statusClass upstreamId operatorReference wholesalePrice { amount unit } history { status source } }
    }`;

    // Catalogue reads.
    await gql(
      '{ products(first: 3) { edges { node { id name } } } countries(first: 3) { edges { node { name } } } }',
    );
    // A top-up created and confirmed, to a canary number; its callbacks arrive.
    const phone = '+6598765100';
    const topUp = await gql(CREATE, {
      input: {
        idempotencyKey: randomUUID(),
        productId: mobileTopUp(sandbox).id,
        creditParty: { mobileNumber: phone },
      },
    });
    const topUpId = (topUp.data!.createTransaction!.transaction as { id: string }).id;
    await gql(`mutation ($id: ID!) { confirmTransaction(input: { id: $id }) { __typename } }`, {
      id: topUpId,
    });
    await waitFor(
      'the top-up settled',
      () => gql(READ, { id: topUpId }),
      (r) => (r.data?.transaction as { statusClass?: string } | undefined)?.statusClass === 'COMPLETED',
    );
    // A PIN purchase: its PIN is the canary (never asked for here, so never in a response either).
    const pinProduct = sandbox.catalogue.products.find(
      (p) =>
        p.type === 'FIXED_VALUE_PIN_PURCHASE' &&
        JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
    )!;
    const pinBuy = await gql(CREATE, {
      input: {
        idempotencyKey: randomUUID(),
        productId: pinProduct.id,
        creditParty: { mobileNumber: '+6598765101' },
        autoConfirm: true,
      },
    });
    const pinId = (pinBuy.data!.createTransaction!.transaction as { id: string }).id;
    const pinned = await waitFor(
      'the PIN purchase settled',
      () => gql(READ, { id: pinId }),
      (r) => (r.data?.transaction as { statusClass?: string } | undefined)?.statusClass === 'COMPLETED',
    );
    const upstreamPin = (
      sandbox.control.engine
        .all()
        .find((tx) => String(tx.id) === (pinned.data!.transaction as { upstreamId: string }).upstreamId) as {
        pin: { code: string; serial: string };
      }
    ).pin;
    // A bill payment (simulated), to an account number that is a canary too.
    const account = sandbox.catalogue.gsAccounts.find((a) => a.amountDue !== '0.00')!;
    const paid = await gql(
      /* GraphQL */ `mutation ($input: PayBillInput!) { payBill(input: $input) { __typename } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          productId: account.productId,
          accountNumber: account.accountNumber,
          senderMobile: '+6012345678',
          recipientMobile: '+6012234345',
        },
      },
    );
    // DT One errors whose bodies carry a canary: JSON with DT One's error shape, and a proxy's HTML.
    const inError = canary('upstreamtext');
    sandbox.control.faults.add({
      route: 'GET /v1/operators',
      status: 500,
      body: { errors: [{ code: 1000500, message: `internal ${inError}` }] },
      times: 10,
    });
    expect(paid.data?.payBill).toEqual({ __typename: 'PayBillSuccess' });
    const failedRead = await gql('{ operators(first: 2) { edges { node { name } } } }');
    expect(failedRead.errors?.length).toBeGreaterThan(0);
    sandbox.control.faults.add({
      route: 'POST /v1/async/transactions',
      status: 400,
      body: { errors: [{ code: 1005003, message: `${phone} ${inError} is not valid` }] },
    });
    await gql(CREATE, {
      input: {
        idempotencyKey: randomUUID(),
        productId: mobileTopUp(sandbox).id,
        creditParty: { mobileNumber: phone },
      },
    });
    sandbox.control.faults.add({
      route: 'GET /v1/services',
      status: 502,
      body: `<html><body>${inError} ${dvs.apiKey}</body></html>`,
      contentType: 'text/html',
      times: 10,
    });
    await gql('{ services(first: 2) { edges { node { name } } } }');

    const metrics = await fetch(`${gateway.url}/metrics`, {
      headers: { authorization: `Bearer ${metricsToken}` },
    });
    expect(metrics.status).toBe(200);
    bodies.push(await metrics.text());

    const secrets = {
      dtoneKey: dvs.apiKey,
      dtoneSecret: dvs.apiSecret,
      dtoneBasic: Buffer.from(`${dvs.apiKey}:${dvs.apiSecret}`).toString('base64'),
      gsKey: gs.apiKey,
      gsSecret: gs.apiSecret,
      apiKey,
      metricsToken,
      phone: phone.slice(1),
      accountNumber: account.accountNumber,
      pinCode: upstreamPin.code,
      pinSerial: upstreamPin.serial,
      upstreamText: inError,
    };
    const places = { logs: gateway.output(), responses: bodies.join('\n') };
    const found: string[] = [];
    for (const [name, value] of Object.entries(secrets)) {
      for (const form of [value, Buffer.from(value).toString('base64'), encodeURIComponent(`+${value}`)]) {
        for (const [where, text] of Object.entries(places)) {
          if (text.includes(form)) found.push(`${name} in ${where}`);
        }
      }
    }
    expect(found).toEqual([]);
    // The scan saw real traffic: debug lines for DT One calls, and a callback line.
    expect(places.logs).toContain('"msg":"upstream call"');
    expect(places.logs).toContain('"msg":"callback"');
  }, 60_000);
});
