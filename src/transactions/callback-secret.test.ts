import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';
import { callbackSecretFor, keptSecret } from './callback-secret.js';

const freshDataDir = () => mkdtempSync(join(tmpdir(), 'dtgw-secret-'));

describe('callbackSecretFor', () => {
  it('makes an embedded gateway a secret in its data folder, readable by its owner only, and reuses it', () => {
    const dataDir = freshDataDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = callbackSecretFor(config, true);
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(dataDir, 'callback-secret');
    expect(readFileSync(file, 'utf8').trim()).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(callbackSecretFor(config, true)).toBe(first);
    expect(readdirSync(dataDir)).toEqual(['callback-secret']);
  });

  it('prefers CALLBACK_SECRET and then writes nothing', () => {
    const dataDir = freshDataDir();
    const secret = 'a-deployment-secret-of-at-least-32-characters';
    expect(callbackSecretFor(loadConfig({ DATA_DIR: dataDir, CALLBACK_SECRET: secret }), true)).toBe(secret);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('gives a live gateway without CALLBACK_SECRET a new secret per process, kept nowhere', () => {
    const dataDir = freshDataDir();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(callbackSecretFor(config, false)).not.toBe(callbackSecretFor(config, false));
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('creates the data folder when it does not exist yet', () => {
    const path = join(freshDataDir(), 'not', 'yet', 'callback-secret');
    expect(keptSecret(path)).toBe(readFileSync(path, 'utf8').trim());
  });

  it('refuses a file that holds no usable secret, naming it and the fix', () => {
    const path = join(freshDataDir(), 'callback-secret');
    writeFileSync(path, 'short\n');
    expect(() => keptSecret(path)).toThrowError(ConfigError);
    expect(() => keptSecret(path)).toThrowError(
      /callback-secret must hold a callback secret .* or set CALLBACK_SECRET/,
    );
  });
});
