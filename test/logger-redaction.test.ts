import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logging/logger.js';

describe('log redaction', () => {
  it('censors credentials, tokens, PINs and account numbers, and keeps only the last 3 digits of a phone number', () => {
    const out = new PassThrough();
    const logger = createLogger('info', out);
    logger.info(
      {
        authorization: 'Bearer dtgw_secret_key',
        request: { headers: { authorization: 'Basic c2VjcmV0' }, mobileNumber: '+6591234567' },
        apiSecret: 'dvs-secret',
        token: 'callback-token',
        pin: { code: '1234-5678' },
        accountNumber: '0123456789',
        url: 'https://gateway/callbacks/dtone/id/token',
      },
      'a line logged by mistake',
    );
    const line = String(out.read());
    expect(line).toContain('"mobileNumber":"***567"');
    for (const secret of [
      'dtgw_secret_key',
      'c2VjcmV0',
      'dvs-secret',
      'callback-token',
      '1234-5678',
      '0123456789',
      '91234',
      '/callbacks/',
    ])
      expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });
});
