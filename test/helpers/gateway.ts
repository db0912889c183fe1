import { afterAll } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/gateway.js';
import type { Sandbox } from '../../src/sandbox/server.js';
import { startSandbox } from './sandbox.js';

const leftovers: Array<() => Promise<void>> = [];
afterAll(async () => {
  await Promise.all(leftovers.splice(0).map((dispose) => dispose()));
});

export interface TestGateway {
  gateway: Gateway;
  sandbox: Sandbox;
  url: string;
  /** POSTs a GraphQL operation over real HTTP and returns the parsed response. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
}

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
  text: string;
}

/**
 * A real gateway on an ephemeral port talking to a real sandbox (its own, or the one given), as DT One would be
 * reached in live mode: over HTTP with the sandbox's credentials.
 */
export async function startGateway(
  options: { sandbox?: Sandbox; env?: Record<string, string>; gatewayOptions?: GatewayOptions } = {},
): Promise<TestGateway> {
  const sandbox = options.sandbox ?? (await startSandbox());
  const config = loadConfig({
    NODE_ENV: process.env.DEBUG_GATEWAY ? 'development' : 'test',
    LOG_LEVEL: 'silent',
    DTONE_API_KEY: sandbox.credentials.dvs.apiKey,
    DTONE_API_SECRET: sandbox.credentials.dvs.apiSecret,
    DTONE_BASE_URL: `${sandbox.url}/v1`,
    DTONE_TIMEOUT_MS: '5000',
    ...options.env,
  });
  const gateway = await createGateway(config, options.gatewayOptions);
  const url = await gateway.start(0, '127.0.0.1');
  leftovers.push(() => gateway.stop());
  return {
    gateway,
    sandbox,
    url,
    async gql(query, variables, headers) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      const body = JSON.parse(text) as Omit<GraphQLResponse<never>, 'status' | 'text'>;
      return { status: res.status, text, ...body } as GraphQLResponse<never>;
    },
  };
}
