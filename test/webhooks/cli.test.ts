import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inProcessCli } from '../helpers/cli.js';

describe('webhooks CLI', () => {
  it('creates (secret once), lists, disables, enables, rotates and queues a replay', async () => {
    const run = inProcessCli({ DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-whcli-')) });
    const created = await run(
      'webhooks',
      'create',
      '--tenant',
      'acme',
      '--url',
      'https://hooks.example.com/in',
      '--events',
      'completed,DECLINED',
    );
    expect(created.code).toBe(0);
    const [id, secret] = created.out[0]!.split('  ');
    expect(secret).toMatch(/^whsec_/);
    const listed = await run('webhooks', 'list', '--tenant', 'acme');
    expect(listed.out).toEqual([
      `${id}  acme  https://hooks.example.com/in  COMPLETED,DECLINED  enabled  after #0`,
    ]);
    expect(listed.out.join('')).not.toContain(secret!.slice(6));
    expect((await run('webhooks', 'disable', id!)).code).toBe(0);
    expect((await run('webhooks', 'list')).out[0]).toContain('disabled (disabled by an operator)');
    expect((await run('webhooks', 'enable', id!)).code).toBe(0);
    const rotated = await run('webhooks', 'rotate-secret', id!);
    expect(rotated.out[0]).toMatch(/^whsec_/);
    expect(rotated.out[0]).not.toBe(secret);
    const replay = await run('webhooks', 'replay', '--endpoint', id!, '--from', '1', '--to', '5');
    expect(replay).toMatchObject({ code: 0, err: `Queued 0 event(s) to send again to ${id}.` });
    expect((await run('webhooks', 'disable', 'we_missing')).code).toBe(2);
    expect(await run('webhooks', 'dead-letters', '--endpoint', id!)).toMatchObject({ code: 0, out: [] });
  });

  it('refuses a loopback or private URL and an unknown event class (exit 2), creating nothing', async () => {
    const run = inProcessCli({ DATA_DIR: mkdtempSync(join(tmpdir(), 'dtgw-whcli-')) });
    for (const url of ['https://127.0.0.1/x', 'https://192.168.1.5/x', 'https://[::1]/x']) {
      const refused = await run('webhooks', 'create', '--tenant', 'acme', '--url', url);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/endpoint URL/);
    }
    const badClass = await run(
      'webhooks',
      'create',
      '--tenant',
      'acme',
      '--url',
      'https://h.example.com',
      '--events',
      'DONE',
    );
    expect(badClass).toMatchObject({ code: 2 });
    expect(badClass.err).toContain('Unknown event class "DONE"');
    expect((await run('webhooks', 'list')).out).toEqual([]);
  });
});
