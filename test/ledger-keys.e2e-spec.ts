import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { CheckpointSigner, EMBEDDED_KEY_FILE, generateSigningKeyText } from '#ledger';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { registerEmployee } from './http-support.js';

const HR = '197901012005012002';
const AUDITOR = '198001012006041003';
const NO_LEDGER_KEY = { LEDGER_SIGNING_KEY: '', LEDGER_TRUSTED_PUBLIC_KEY: '' };
const dataDir = () => mkdtempSync(join(tmpdir(), 'jenjang-ledger-keys-'));

describe('ledger key: generated under DATA_DIR is said so', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = dataDir();
    t = await startTestApp({ env: { ...NO_LEDGER_KEY, DATA_DIR: dir, LEDGER_CHECKPOINT_EVERY_EVENTS: '1' } });
  });
  afterAll(async () => t.close());

  test('audit/verify reports trust "generated", with the key the sequencer generated', async () => {
    await registerEmployee(t.http, await t.token(HR, ['hr']), '198507122010011001');
    await t.settle();
    const auditor = await t.token(AUDITOR, ['auditor']);
    const verify = await t.http.get('/api/audit/verify').set('Authorization', `Bearer ${auditor}`);
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true, trust: 'generated' });
    expect(verify.body.trustedPublicKey).toEqual(expect.any(String));
  });
});

describe('ledger key: production refuses to start without a configured one', () => {
  const production = { NODE_ENV: 'production', ...NO_LEDGER_KEY };

  test('no key at all: the boot fails naming the settings, even with a key generated under DATA_DIR earlier', async () => {
    const dir = dataDir();
    writeFileSync(join(dir, EMBEDDED_KEY_FILE), `${generateSigningKeyText()}\n`);
    await expect(startTestApp({ env: { ...production, DATA_DIR: dir } })).rejects.toThrow(
      /LEDGER_TRUSTED_PUBLIC_KEY or LEDGER_SIGNING_KEY: required when NODE_ENV=production/,
    );
  });

  test('a trusted public key alone: the api could verify, but the relay in this process has nothing to sign with', async () => {
    const key = CheckpointSigner.fromText(generateSigningKeyText()).publicKey;
    await expect(startTestApp({ env: { ...production, DATA_DIR: dataDir(), LEDGER_TRUSTED_PUBLIC_KEY: key } })).rejects.toThrow(
      /LEDGER_SIGNING_KEY: required when NODE_ENV=production/,
    );
  });

  test('a configured signing key: production boots, and verification says configured', async () => {
    const t = await startTestApp({ env: { ...production, DATA_DIR: dataDir(), LEDGER_SIGNING_KEY: generateSigningKeyText() } });
    try {
      const auditor = await t.token(AUDITOR, ['auditor']);
      const verify = await t.http.get('/api/audit/verify').set('Authorization', `Bearer ${auditor}`);
      expect(verify.body).toMatchObject({ ok: true, trust: 'configured' });
    } finally {
      await t.close();
    }
  });
});
