import { createHmac } from 'node:crypto';

/**
 * Nonces for `X-TransferTo-nonce`: epoch milliseconds, bumped by one when calls share (or the clock steps back
 * over) a millisecond, so every nonce of this client is unique and strictly increasing.
 */
export function createNonceSource(now: () => number = Date.now): () => string {
  let last = 0;
  return () => {
    last = Math.max(Math.floor(now()), last + 1);
    return String(last);
  };
}

/** `X-TransferTo-hmac` = Base64(HMAC-SHA256(key = API secret, message = API key + nonce)). */
export function signGs(apiKey: string, apiSecret: string, nonce: string): string {
  return createHmac('sha256', apiSecret)
    .update(apiKey + nonce)
    .digest('base64');
}

/** The three G&S authentication headers, computed afresh (new nonce) for every attempt. */
export function gsAuthHeaders(
  apiKey: string,
  apiSecret: string,
  nextNonce: () => string,
): () => Record<string, string> {
  return () => {
    const nonce = nextNonce();
    return {
      'x-transferto-apikey': apiKey,
      'x-transferto-nonce': nonce,
      'x-transferto-hmac': signGs(apiKey, apiSecret, nonce),
    };
  };
}
