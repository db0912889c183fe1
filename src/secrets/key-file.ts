import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Config, ConfigError } from '../config.js';
import { createKeyRing, type KeyRing } from './data-keys.js';

/**
 * The gateway's data keys. `DATA_ENCRYPTION_KEY` when set (live mode cannot start without it: config refuses).
 * Otherwise, embedded only, the key kept in `<DATA_DIR>/data-encryption.key` (mode 0600), made on first start.
 */
export function loadKeyRing(config: Pick<Config, 'mode' | 'security'>): KeyRing {
  const { dataKeys, dataKeyFile } = config.security;
  if (dataKeys.current) return createKeyRing({ current: dataKeys.current, old: dataKeys.old });
  if (config.mode === 'live') throw new ConfigError(['DATA_ENCRYPTION_KEY is missing: live mode needs it']);
  return createKeyRing({ current: embeddedKey(dataKeyFile), old: dataKeys.old });
}

function embeddedKey(path: string): string {
  const existing = readKey(path);
  if (existing) return existing;
  mkdirSync(dirname(path), { recursive: true });
  // Written whole under another name, then linked into place: of two processes starting on one fresh folder, one
  // links its key and the other (EEXIST) reads the winner's, never a half-written file.
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  const made = readKey(path);
  if (!made) throw new ConfigError([`${path} holds no data key: delete the empty file to make a new one`]);
  return made;
}

function readKey(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (text === '') return undefined;
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text) {
    throw new ConfigError([
      `${path} must hold one data key, 32 bytes as base64: restore it from a backup (PINs sealed under it need it)`,
    ]);
  }
  return text;
}
