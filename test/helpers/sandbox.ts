import { afterAll } from 'vitest';
import { createSandbox, type Sandbox, type SandboxOptions } from '../../src/sandbox/server.js';

const leftovers: Array<() => Promise<void>> = [];

afterAll(async () => {
  await Promise.all(leftovers.splice(0).map((dispose) => dispose()));
});

/** A real sandbox on an ephemeral loopback port, stopped after the file's tests. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = await createSandbox({ timeScale: 0.001, ...options });
  leftovers.push(() => sandbox.stop());
  return sandbox;
}

/** A fixed-value top-up whose only credit-party field is a mobile number (the sandbox's outcome table applies). */
export function mobileTopUp(sandbox: Sandbox) {
  const product = sandbox.catalogue.products.find(
    (p) =>
      p.type === 'FIXED_VALUE_RECHARGE' &&
      JSON.stringify(p.json.en.required_credit_party_identifier_fields) === '[["mobile_number"]]',
  );
  if (!product) throw new Error('the sandbox catalogue has no mobile top-up');
  return product;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** A plain `fetch` with DVS Basic auth: what any correct DVS client sends, sharing nothing with ours. */
export async function dvs(
  sandbox: Sandbox,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; auth?: string | false } = {},
): Promise<RawResponse> {
  const { apiKey, apiSecret } = sandbox.credentials.dvs;
  const auth = init.auth === undefined ? `${apiKey}:${apiSecret}` : init.auth;
  const headers: Record<string, string> = { ...init.headers };
  if (auth !== false) headers.authorization = `Basic ${Buffer.from(auth).toString('base64')}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${sandbox.url}/v1${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body !== undefined && {
      body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
    }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}
