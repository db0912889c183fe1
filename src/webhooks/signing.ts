import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newEndpointSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/**
 * The Standard Webhooks headers of one delivery: `webhook-id` (the event's id: the same on every retry and replay, so
 * a receiver drops duplicates), `webhook-timestamp` (seconds) and `webhook-signature` (v1, HMAC-SHA256 of
 * `id.timestamp.body`). Signed by the `standardwebhooks` library, which receivers verify with.
 */
export function signedHeaders(
  secret: string,
  eventId: string,
  body: string,
  at: Date = new Date(),
): Record<string, string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(eventId, at, body),
  };
}
