import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('store settings', () => {
  it('uses the SQLite file ./data/gateway.db when neither DATABASE_URL nor DATA_DIR is set', () => {
    expect(loadConfig({}).store).toEqual({ databaseUrl: undefined, sqlitePath: 'data/gateway.db' });
  });

  it('keeps the SQLite file in DATA_DIR', () => {
    expect(loadConfig({ DATA_DIR: '/var/lib/gateway' }).store.sqlitePath).toBe('/var/lib/gateway/gateway.db');
  });

  it('uses PostgreSQL when DATABASE_URL is a postgres:// or postgresql:// URL', () => {
    for (const url of ['postgres://gw:pw@db:5432/gateway', 'postgresql://db/gateway?sslmode=require']) {
      expect(loadConfig({ DATABASE_URL: url }).store.databaseUrl).toBe(url);
    }
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ' }).store.databaseUrl).toBeUndefined();
  });

  it('fails fast on another kind of URL, saying what to set, without echoing the value', () => {
    let error: unknown;
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/gateway' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL.*unset it to use SQLite/);
    expect(message).not.toContain('hunter2');
  });
});
