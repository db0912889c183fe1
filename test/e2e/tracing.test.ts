import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnGateway } from '../helpers/gateway-process.js';
import { waitFor } from '../helpers/wait.js';

/** A span as OTLP/HTTP JSON carries it (ids in hex). */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: { key: string; value: Record<string, unknown> }[];
}

/** An OTLP/HTTP collector in this process: keeps every span posted to `/v1/traces`. */
async function startCollector() {
  const spans: OtlpSpan[] = [];
  const resources: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const parsed = JSON.parse(body) as {
          resourceSpans: { resource: unknown; scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        for (const rs of parsed.resourceSpans) {
          resources.push(rs.resource);
          for (const ss of rs.scopeSpans) spans.push(...ss.spans);
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, resources };
}

const attribute = (span: OtlpSpan, key: string) => {
  const value = span.attributes?.find((a) => a.key === key)?.value;
  return value && Object.values(value)[0];
};

describe('OpenTelemetry traces', () => {
  it("continues a client's traceparent through one createTransaction: operation → DT One call and store write", async () => {
    const collector = await startCollector();
    const gateway = await spawnGateway({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-otel-')),
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      OTEL_SERVICE_NAME: 'gateway-under-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
    const traceId = randomUUID().replaceAll('-', '');
    const parentId = traceId.slice(0, 16);
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${parentId}-01` },
      body: JSON.stringify({
        query: /* GraphQL */ `mutation TopUp($input: CreateTransactionInput!) {
          createTransaction(input: $input) { __typename }
        }`,
        variables: {
          input: { idempotencyKey: randomUUID(), productId: 1, creditParty: { mobileNumber: '+2975600100' } },
        },
      }),
    });
    expect(((await res.json()) as { data: unknown }).data).toEqual({
      createTransaction: { __typename: 'CreateTransactionSuccess' },
    });

    const inTrace = () => collector.spans.filter((s) => s.traceId === traceId);
    const spans = await waitFor(
      'the operation, its DT One call and its store write exported',
      inTrace,
      (found) =>
        found.some((s) => s.name === 'mutation TopUp') &&
        found.some((s) => s.name === 'DT One POST /async/transactions') &&
        found.some((s) => s.name === 'store insertIntentWithinCap'),
      15_000,
    );
    const operation = spans.find((s) => s.name === 'mutation TopUp')!;
    // The client's span is the operation's parent: the trace continues.
    expect(operation.parentSpanId).toBe(parentId);
    expect(attribute(operation, 'graphql.operation.type')).toBe('mutation');
    expect(attribute(operation, 'dtone_gateway.outcome')).toBe('ok');

    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const underOperation = (span: OtlpSpan) => {
      for (let p = span.parentSpanId; p; p = byId.get(p)?.parentSpanId)
        if (p === operation.spanId) return true;
      return false;
    };
    const call = spans.find((s) => s.name === 'DT One POST /async/transactions')!;
    expect(underOperation(call)).toBe(true);
    expect(attribute(call, 'http.response.status_code')).toBe(201);
    const write = spans.find((s) => s.name === 'store insertIntentWithinCap')!;
    expect(underOperation(write)).toBe(true);
    expect(attribute(write, 'db.system.name')).toBe('sqlite');
    expect(JSON.stringify(collector.resources)).toContain('gateway-under-test');
    // Nothing a client sent rides on a span: not the phone number, not the variables.
    expect(JSON.stringify(collector.spans)).not.toContain('5600100');
  });
});
