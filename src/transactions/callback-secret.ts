import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { type Config, ConfigError } from '../config.js';

/** The shortest secret accepted, as for CALLBACK_SECRET. */
const MIN_LENGTH = 32;

/**
 * The secret that derives each transaction's callback token (`callbackTokenFor`). CALLBACK_SECRET when set: one per
 * deployment. Without it, an embedded gateway keeps one in its data folder (`callback-secret`, mode 0600), made on
 * its first start: its sandbox outlives a restart with the callback URLs it was given, so they must stay valid. A
 * live gateway without one makes its own per process (DT One's callbacks to an earlier process then answer 404, and
 * the reconciler settles those transactions by polling).
 */
export function callbackSecretFor(
  config: Pick<Config, 'callbackSecret' | 'store'>,
  embedded: boolean,
): string {
  if (config.callbackSecret) return config.callbackSecret;
  if (!embedded) return newSecret();
  return keptSecret(join(dirname(config.store.sqlitePath), 'callback-secret'));
}

/**
 * The secret kept at `path`, made there first if there is none. The file appears whole or not at all (written
 * aside, then linked into place), and two processes starting at once end up with the same one.
 */
export function keptSecret(path: string): string {
  const kept = readSecret(path);
  if (kept !== undefined) return kept;
  mkdirSync(dirname(path), { recursive: true });
  const draft = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(draft, 'wx', 0o600);
  try {
    writeSync(fd, `${newSecret()}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(draft, path);
  } catch (error) {
    // Another process made it first: theirs is the one.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readSecret(path) ?? keptSecret(path);
}

function readSecret(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (text.length < MIN_LENGTH) {
    throw new ConfigError([
      `${path} must hold a callback secret of at least ${MIN_LENGTH} characters: delete it to have a new one made (callback URLs already handed out then stop working), or set CALLBACK_SECRET`,
    ]);
  }
  return text;
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}
