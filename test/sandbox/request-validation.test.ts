import { LosslessNumber } from 'lossless-json';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/server.js';
import { FIELD_CODES, type OperationSpec, specOperations } from '../../src/sandbox/spec/requests.js';
import { findProblem } from '../../src/sandbox/spec/schema.js';
import { PARTY_KEYS, readProductTerms } from '../../src/sandbox/transactions/product-terms.js';
import { dvs, type RawResponse, startSandbox } from '../helpers/sandbox.js';
import { createSpecValidator } from '../helpers/spec-validator.js';
import {
  fieldsOf,
  fullValue,
  invalidVariants,
  type RequestShape,
  toHttp,
  type Variant,
  validVariants,
} from './request-variants.js';

/**
 * Issue #18: the sandbox refuses what DT One's spec refuses, and accepts what it allows. Variants of every
 * operation's parameters and body are generated from the spec (request-variants.ts, fixed seed) and sent over
 * HTTP. Body variants are also judged by ajv over the same spec (test/helpers/spec-validator.ts), an
 * independent reading, so a variant the generator gets wrong fails here rather than passing by accident.
 */
const MOBILE = '+6591234567';
const CONCURRENCY = 8;

const operations = [...specOperations().values()];
const ajv = createSpecValidator();
let sandbox: Sandbox;
let base: Map<string, RequestShape>;
let productIds: Set<number>;
let baselineProductIds: Set<number>;

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.0001 });
  ({ base, productIds, baselineProductIds } = baselines(sandbox));
});

describe('issue #18: requests the DVS spec refuses', () => {
  it('answers 400 with 1000400 (or the field’s own code) naming the field, for every generated variant', async () => {
    const variants = operations.flatMap((op) =>
      invalidVariants(op, withEveryBodyField(op, base.get(op.key)!)),
    );
    const failures: string[] = [];
    await sendAll(variants, (variant, res) => {
      const error = (res.json as { errors?: { code: number; message: string }[] } | undefined)?.errors?.[0];
      const code = FIELD_CODES.get(variant.field) ?? 1000400;
      if (res.status !== 400 || error?.code !== code || !error.message.startsWith(`${variant.field}: `)) {
        failures.push(`${label(variant)} → ${res.status} ${res.text.slice(0, 200)}`);
      }
      const body = variant.request.body;
      const bodyChanged =
        variant.kind !== 'repeated' &&
        variant.kind !== 'dependent' &&
        !variant.beyondDouble &&
        isBodyField(variant);
      if (
        bodyChanged &&
        ajv.validateRequestBody(variant.operation.method, template(variant), body).length === 0
      ) {
        failures.push(`${label(variant)}: ajv accepts this body, so it is no invalid variant`);
      }
    });
    report('invalid', variants);
    expect(failures).toEqual([]);

    // Every parameter and body field of every operation is broken at least once (a bare string header
    // such as Accept-Language cannot be).
    const broken = new Set(variants.map((v) => `${v.operation.key} ${v.field.replace(/\[\d+\]$/, '')}`));
    const untouched = operations.flatMap((op) =>
      fieldsOf(op)
        .filter((field) => !broken.has(`${op.key} ${field}`))
        .map((field) => `${op.key} ${field}`),
    );
    expect(untouched.filter((f) => !f.endsWith(' Accept-Language'))).toEqual([]);
    expect(new Set(variants.map((v) => v.operation.key)).size).toBe(operations.length);
    expect(variants.length).toBeGreaterThan(500);
  });
});

describe('issue #18: requests the DVS spec allows', () => {
  it('accepts every generated variant (a 404 for an id that does not exist is fine)', async () => {
    let externalIds = 0;
    const usedExternalIds = new Set<string>();
    const adjust = (variant: Variant): Variant | undefined => {
      const body = variant.request.body as Record<string, unknown> | undefined;
      if (body === undefined) return variant;
      // Product-specific rules (required fields, statement support) are not the spec's: keep the baseline
      // product, or one that does not exist (404).
      const productId = Number(String(body.product_id));
      if (productIds.has(productId) && !baselineProductIds.has(productId)) return undefined;
      if ('external_id' in body) {
        if (variant.field !== 'external_id') body.external_id = `valid-${++externalIds}`;
        if (usedExternalIds.has(String(body.external_id))) return undefined;
        usedExternalIds.add(String(body.external_id));
      }
      return variant;
    };
    const variants = operations.flatMap((op) =>
      validVariants(op, base.get(op.key)!, adjust).map((v) => withSupportedSort(v)),
    );
    const failures: string[] = [];
    await sendAll(variants, (variant, res) => {
      if (res.status >= 400 && res.status !== 404) {
        failures.push(`${label(variant)} → ${res.status} ${res.text.slice(0, 200)}`);
      }
      const body = variant.request.body;
      if (body !== undefined) {
        const errors = ajv.validateRequestBody(variant.operation.method, template(variant), body);
        if (errors.length > 0)
          failures.push(`${label(variant)}: ajv refuses this body: ${errors.join('; ')}`);
      }
    });
    report('valid', variants);
    expect(failures).toEqual([]);

    const set = new Set(variants.map((v) => `${v.operation.key} ${v.field}`));
    const topLevel = operations.flatMap((op) =>
      fieldsOf(op)
        .filter((f) => !f.includes('.'))
        .map((f) => `${op.key} ${f}`),
    );
    expect(topLevel.filter((f) => !set.has(f))).toEqual([]);
    expect(variants.length).toBeGreaterThan(300);
  });

  it('has a spec operation for every DVS route of the sandbox, and a route for every operation', () => {
    const dvsRoutes = sandbox.routes.filter((key) => / \/v1\//.test(key));
    expect(dvsRoutes.sort()).toEqual(operations.map((op) => op.key).sort());
  });

  it('reads sort with spaces around its commas (issue #18)', async () => {
    const res = await dvs(
      sandbox,
      `/products?operator_id=${sandbox.catalogue.products[0]!.operatorId}&sort=name,%20id`,
    );
    expect(res.status).toBe(200);
  });
});

/** A valid request per operation that no rule outside the spec refuses (real product, known service). */
function baselines(sb: Sandbox) {
  const { catalogue } = sb;
  const pin = catalogue.products.find((p) => {
    const terms = readProductTerms(p);
    return (
      p.type === 'FIXED_VALUE_PIN_PURCHASE' &&
      terms.wholesale.unit === 'USD' &&
      PARTY_KEYS.every((key) => terms.required[key].length === 0)
    );
  })!;
  const statement = catalogue.products.find(
    (p) => (p.json.en.payment as Record<string, unknown> | undefined)?.supports_statement_inquiry === true,
  )!;
  const pathValues: Record<string, string> = {
    service_id: String(catalogue.services[0]!.id),
    country_iso_code: catalogue.countries[0]!.isoCode,
    operator_id: String(catalogue.operators[0]!.id),
    promotion_id: String(catalogue.promotions[0]!.id),
    campaign_id: String(catalogue.campaigns[0]!.id),
    product_id: String(pin.id),
    transaction_id: '1',
    mobile_number: MOBILE,
  };
  const creditParty = {
    service_id: new LosslessNumber('1'),
    credit_party_identifier: { mobile_number: MOBILE },
  };
  const bodies: Record<string, unknown> = {
    'POST /v1/async/transactions': {
      external_id: 'baseline',
      product_id: new LosslessNumber(String(pin.id)),
    },
    'POST /v1/sync/transactions': { external_id: 'baseline', product_id: new LosslessNumber(String(pin.id)) },
    'POST /v1/lookup/mobile-number': { mobile_number: MOBILE },
    'POST /v1/lookup/statement-inquiry': {
      product_id: new LosslessNumber(String(statement.id)),
      account_number: '1234567890',
    },
    'POST /v1/lookup/credit-party-benefits': creditParty,
    'POST /v1/lookup/credit-party-status': creditParty,
  };
  // Sorting every product by name is slow; one operator's products are enough to exercise the parameters.
  const queries: Record<string, Record<string, string[]>> = {
    'GET /v1/products': { operator_id: [String(pin.operatorId)] },
  };
  const base = new Map<string, RequestShape>();
  for (const op of operations) {
    const path = Object.fromEntries(
      op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, pathValues[p.name]!]),
    );
    const body = bodies[op.key];
    if (op.body && body === undefined) throw new Error(`no baseline body for ${op.key}`);
    base.set(op.key, {
      path,
      query: queries[op.key] ?? {},
      headers: {},
      ...(body !== undefined && { body }),
    });
  }
  return {
    base,
    productIds: new Set(catalogue.products.map((p) => p.id)),
    baselineProductIds: new Set([pin.id, statement.id]),
  };
}

/** The baseline with every optional body field filled in, so that each one gets broken. */
function withEveryBodyField(op: OperationSpec, request: RequestShape): RequestShape {
  if (!op.body) return request;
  const body = deepMerge(fullValue(op.body.schema), request.body);
  const problem = findProblem(op.body.schema, body);
  if (problem) throw new Error(`the full ${op.key} body is invalid: ${problem.field} ${problem.problem}`);
  return { ...request, body };
}

function deepMerge(under: unknown, over: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof LosslessNumber);
  if (!isObject(under) || !isObject(over)) return over === undefined ? under : over;
  const out = { ...under };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(under[k], v);
  return out;
}

/** `sort` may only name the fields its description lists ("id (default), name or amount"). */
function withSupportedSort(variant: Variant): Variant {
  const sort = variant.request.query.sort;
  if (sort === undefined) return variant;
  const fields = ['id', 'name', 'amount'];
  let i = 0;
  const rewritten = sort.map((s) => s.replace(/[a-zA-Z0-9_]+/g, () => fields[i++ % fields.length]!));
  return {
    ...variant,
    request: { ...variant.request, query: { ...variant.request.query, sort: rewritten } },
  };
}

function isBodyField(variant: Variant): boolean {
  return !variant.operation.parameters.some((p) => p.name === variant.field.replace(/\[\d+\]$/, ''));
}

function template(variant: Variant): string {
  return variant.operation.template;
}

function label(variant: Variant): string {
  const { path, init } = toHttp(variant.operation, variant.request);
  const body = 'body' in init ? ` ${String(init.body).slice(0, 160)}` : '';
  return `[${variant.kind} ${variant.field}] ${variant.operation.method} ${path}${body}`;
}

/** Sends every variant (a few at a time) and hands each answer to `check`. */
async function sendAll(
  variants: Variant[],
  check: (variant: Variant, res: RawResponse) => void,
): Promise<void> {
  const send = async (variant: Variant) => {
    const { path, init } = toHttp(variant.operation, variant.request);
    check(variant, await dvs(sandbox, path, init));
  };
  for (let i = 0; i < variants.length; i += CONCURRENCY) {
    await Promise.all(variants.slice(i, i + CONCURRENCY).map(send));
  }
}

function report(label: string, variants: Variant[]): void {
  const byKind = new Map<string, number>();
  for (const v of variants) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
  const kinds = [...byKind].map(([kind, n]) => `${kind} ${n}`).join(', ');
  const fields = operations.reduce((n, op) => n + fieldsOf(op).length, 0);
  console.log(
    `${variants.length} ${label} variants over ${operations.length} operations and ${fields} fields (${kinds})`,
  );
}
