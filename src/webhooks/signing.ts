import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * How long after a rotation deliveries are signed with the previous secret too: a receiver has a day to switch to the
 * new secret, and verifies with either meanwhile.
 */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

/**
 * The secrets a delivery is signed with: the current one, and the one a rotation replaced while that rotation is
 * younger than `SECRET_OVERLAP_MS`.
 */
export function signingSecrets(
  current: string,
  previous: { secret: string; rotatedAt: string } | undefined,
  nowMs: number = Date.now(),
): string[] {
  return previous && previousSecretExpiry(previous.rotatedAt, nowMs) !== undefined
    ? [current, previous.secret]
    : [current];
}

/** Until when the secret a rotation at `rotatedAt` replaced still signs deliveries; undefined once it no longer does. */
export function previousSecretExpiry(
  rotatedAt: string | null,
  nowMs: number = Date.now(),
): string | undefined {
  if (rotatedAt === null) return undefined;
  const until = Date.parse(rotatedAt) + SECRET_OVERLAP_MS;
  return until > nowMs ? new Date(until).toISOString() : undefined;
}

/**
 * The Standard Webhooks headers of one delivery: `webhook-id` (the event's id: the same on every retry and replay, so
 * a receiver drops duplicates), `webhook-timestamp` (seconds) and `webhook-signature` (v1, HMAC-SHA256 of
 * `id.timestamp.body`), one space-separated signature per secret, which the spec allows so that a receiver holding
 * any one of them accepts. Signed by the `standardwebhooks` library, which receivers verify with.
 */
export function signedHeaders(
  secrets: readonly string[],
  eventId: string,
  body: string,
  at: Date = new Date(),
): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(eventId, at, body)).join(' '),
  };
}
