import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Encryption of values at rest (PIN codes and serials) with AES-256-GCM. A sealed value is text:
 *
 *     enc:v1:<key id>:<base64url of iv (12 bytes) ‖ ciphertext ‖ tag (16 bytes)>
 *
 * The key id is derived from the key itself (the first 8 bytes of a SHA-256 under a fixed label, base64url), so an
 * operator never names keys and cannot mislabel one. The caller's `context` (e.g. `<transaction id>/pin.code`) is
 * authenticated with the value, so a sealed value copied to another row or field does not open there.
 *
 * Rotation: seal under the current key, open under whichever key the value names. Give the new key as
 * `DATA_ENCRYPTION_KEY` and keep the old one in `DATA_ENCRYPTION_OLD_KEYS` until nothing sealed under it is left.
 */

const PREFIX = 'enc:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class DataKeyError extends Error {
  override readonly name = 'DataKeyError';
}

export interface KeyRing {
  /** The id of the key new values are sealed under. */
  readonly currentKeyId: string;
  seal(plaintext: string, context: string): string;
  /** Throws `DataKeyError` when the value's key is not in the ring, or the value or its context was altered. */
  open(sealed: string, context: string): string;
}

export function isSealed(value: string): boolean {
  return value.startsWith(PREFIX);
}

/** The key id a sealed value names, or undefined for a value that is not sealed. */
export function keyIdOf(sealed: string): string | undefined {
  return isSealed(sealed) ? sealed.slice(PREFIX.length).split(':', 1)[0] : undefined;
}

export function dataKeyId(key: Buffer): string {
  return createHash('sha256')
    .update('dtone-gateway data key id\n')
    .update(key)
    .digest()
    .subarray(0, 8)
    .toString('base64url');
}

/** `current` and `old` are 32-byte keys as base64 (what `config.security.dataKeys` holds). */
export function createKeyRing({ current, old = [] }: { current: string; old?: readonly string[] }): KeyRing {
  const keys = new Map<string, Buffer>();
  for (const text of [current, ...old]) {
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32) throw new DataKeyError('A data key must be 32 bytes');
    keys.set(dataKeyId(key), key);
  }
  const currentKeyId = dataKeyId(Buffer.from(current, 'base64'));
  const aad = (keyId: string, context: string) => Buffer.from(`${PREFIX}${keyId}:${context}`);

  return {
    currentKeyId,
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keys.get(currentKeyId)!, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(currentKeyId, context));
      const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return `${PREFIX}${currentKeyId}:${body.toString('base64url')}`;
    },
    open(sealed, context) {
      const [keyId, payload] = sealed.slice(PREFIX.length).split(':');
      if (!isSealed(sealed) || !keyId || payload === undefined) throw new DataKeyError('Not a sealed value');
      const key = keys.get(keyId);
      if (!key) {
        throw new DataKeyError(
          `The data key ${keyId} that sealed this value is not configured: add it to DATA_ENCRYPTION_OLD_KEYS`,
        );
      }
      const body = Buffer.from(payload, 'base64url');
      if (body.length < IV_BYTES + TAG_BYTES) throw new DataKeyError('A sealed value is cut short');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, IV_BYTES), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(aad(keyId, context));
        decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
        return Buffer.concat([
          decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new DataKeyError(
          `A value sealed under data key ${keyId} does not open: it was altered or moved`,
        );
      }
    },
  };
}
