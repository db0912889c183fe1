import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
    const http = { ...live, PUBLIC_URL: 'http://10.0.0.5:4000', CALLBACK_SECRET: 'x'.repeat(32) };
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
});
