import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const KEY = Buffer.alloc(32, 1).toString('base64');
const LIVE = {
  DTONE_API_KEY: 'key',
  DTONE_API_SECRET: 'secret',
  DATA_ENCRYPTION_KEY: KEY,
  PUBLIC_URL: 'https://gw.example.com',
  CALLBACK_SECRET: 'x'.repeat(32),
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('runs embedded on the built-in sandbox when no DT One credentials are set', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('embedded');
    expect(config.port).toBe(4000);
    expect(config.dtone.baseUrl).toBe('https://preprod-dvs-api.dtone.com/v1');
    expect(config.dtone.credentials).toBeUndefined();
    expect(Object.isFrozen(config.dtone)).toBe(true);
  });

  it('runs live against DT One when both DVS credentials are set', () => {
    const config = loadConfig({
      DTONE_API_KEY: 'key',
      DTONE_API_SECRET: 'secret',
      DTONE_BASE_URL: 'https://dvs-api.dtone.com/v1/',
      PUBLIC_URL: 'https://gw.example.com/',
      CALLBACK_SECRET: 'x'.repeat(32),
      DATA_ENCRYPTION_KEY: KEY,
    });
    expect(config.mode).toBe('live');
    expect(config.publicUrl).toBe('https://gw.example.com');
    expect(config.dtone.credentials).toEqual({ apiKey: 'key', apiSecret: 'secret' });
    expect(config.dtone.baseUrl).toBe('https://dvs-api.dtone.com/v1');
  });

  it('refuses live mode without PUBLIC_URL (https, or http with PUBLIC_URL_ALLOW_HTTP) and CALLBACK_SECRET', () => {
    const live = { DTONE_API_KEY: 'key', DTONE_API_SECRET: 'secret' };
    expect(() => loadConfig(live)).toThrowError(/PUBLIC_URL is missing: live mode tells DT One where/);
    expect(() => loadConfig(live)).toThrowError(/CALLBACK_SECRET is missing/);
    const http = {
      ...live,
      PUBLIC_URL: 'http://10.0.0.5:4000',
      CALLBACK_SECRET: 'x'.repeat(32),
      DATA_ENCRYPTION_KEY: KEY,
    };
    expect(() => loadConfig(http)).toThrowError(/PUBLIC_URL must be https .* PUBLIC_URL_ALLOW_HTTP=true/);
    expect(loadConfig({ ...http, PUBLIC_URL_ALLOW_HTTP: 'true' }).publicUrl).toBe('http://10.0.0.5:4000');
    expect(loadConfig({}).mode).toBe('embedded');
  });

  it('fails fast, naming the missing half of a credential pair and the fix', () => {
    expect(() => loadConfig({ DTONE_API_KEY: 'key' })).toThrowError(ConfigError);
    expect(() => loadConfig({ DTONE_API_KEY: 'key' })).toThrowError(/DTONE_API_SECRET is missing: set both/);
  });

  it('names the variable and the value when a value has the wrong form', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DTONE_BASE_URL: 'ftp://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems.some((p) => p.startsWith('PORT') && p.includes('"eighty"'))).toBe(true);
    expect(problems.some((p) => p.startsWith('DTONE_BASE_URL') && p.includes('http(s) URL'))).toBe(true);
  });

  it('never echoes a secret in its error messages', () => {
    expect(() => loadConfig({ DTONE_API_SECRET: 'TOP-SECRET-VALUE' })).toThrowError(ConfigError);
    try {
      loadConfig({ DTONE_API_SECRET: 'TOP-SECRET-VALUE' });
    } catch (e) {
      expect(String((e as Error).message)).not.toContain('TOP-SECRET-VALUE');
    }
  });

  it('never echoes the password of a URL it refuses', () => {
    const problems = problemsOf({ DTONE_BASE_URL: 'ftp://user:hunter2@dvs.example/v1' });
    expect(problems.join('\n')).toContain('DTONE_BASE_URL');
    expect(problems.join('\n')).not.toContain('hunter2');
  });
});

describe('loadConfig: security', () => {
  it('keeps introspection, suggestions, GraphiQL and loopback CORS on in embedded mode', () => {
    expect(loadConfig({}).security).toMatchObject({
      cors: { origins: [], loopback: true },
      introspection: true,
      fieldSuggestions: true,
      graphiql: true,
      dataKeys: { current: undefined, old: [] },
      dataKeyFile: 'data/data-encryption.key',
    });
  });

  it('turns them all off in live mode, each switchable on', () => {
    expect(loadConfig(LIVE).security).toMatchObject({
      cors: { origins: [], loopback: false },
      introspection: false,
      fieldSuggestions: false,
      graphiql: false,
    });
    const on = loadConfig({
      ...LIVE,
      INTROSPECTION: 'true',
      FIELD_SUGGESTIONS: '1',
      GRAPHIQL: 'yes',
    }).security;
    expect([on.introspection, on.fieldSuggestions, on.graphiql]).toEqual([true, true, true]);
    const off = loadConfig({ INTROSPECTION: 'false', FIELD_SUGGESTIONS: '0', GRAPHIQL: 'off' }).security;
    expect([off.introspection, off.fieldSuggestions, off.graphiql]).toEqual([false, false, false]);
    expect(problemsOf({ GRAPHIQL: 'maybe' })[0]).toMatch(/^GRAPHIQL must be true or false/);
  });

  it('reads CORS_ORIGINS as exact origins, and refuses paths, wildcards and other schemes', () => {
    const { cors } = loadConfig({
      CORS_ORIGINS: ' https://app.example.com, http://localhost:5173/ ,',
    }).security;
    expect(cors).toEqual({ origins: ['https://app.example.com', 'http://localhost:5173'], loopback: false });
    expect(loadConfig({ ...LIVE, CORS_ORIGINS: '' }).security.cors).toEqual({ origins: [], loopback: false });
    for (const bad of ['*', 'https://app.example.com/path', 'app.example.com', 'ftp://files.example.com']) {
      expect(problemsOf({ CORS_ORIGINS: bad })[0], bad).toMatch(/^CORS_ORIGINS must list origins/);
    }
  });

  it('refuses to run live without DATA_ENCRYPTION_KEY, naming it and the fix', () => {
    const { DATA_ENCRYPTION_KEY: _key, ...withoutKey } = LIVE;
    const problems = problemsOf(withoutKey);
    expect(problems).toEqual([
      expect.stringMatching(/^DATA_ENCRYPTION_KEY is missing: .*openssl rand -base64 32/),
    ]);
  });

  it('takes a data key as base64 or hex, old keys as a list, and never echoes one', () => {
    const hex = Buffer.alloc(32, 2).toString('hex');
    const b64url = Buffer.alloc(32, 3).toString('base64url');
    const { dataKeys } = loadConfig({
      ...LIVE,
      DATA_ENCRYPTION_KEY: hex,
      DATA_ENCRYPTION_OLD_KEYS: `${KEY}, ${b64url}`,
    }).security;
    expect(dataKeys).toEqual({
      current: Buffer.alloc(32, 2).toString('base64'),
      old: [KEY, Buffer.alloc(32, 3).toString('base64')],
    });
    const short = Buffer.alloc(16, 9).toString('base64');
    const problems = problemsOf({ DATA_ENCRYPTION_KEY: short, DATA_ENCRYPTION_OLD_KEYS: 'nope' });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^DATA_ENCRYPTION_KEY must be 32 random bytes as base64 or hex/);
    expect(problems[1]).toMatch(/^DATA_ENCRYPTION_OLD_KEYS must be 32 random bytes/);
    expect(problems.join('\n')).not.toContain(short);
    expect(problems.join('\n')).not.toContain('nope');
  });
});
