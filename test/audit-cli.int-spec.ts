import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { EventStore } from '../libs/event-store/src/index.js';
import { CheckpointSigner, EMBEDDED_KEY_FILE, generateSigningKeyText } from '../libs/ledger/src/index.js';
import { appendMixedHistory, RogueDba, sequenceEverything, testSequencer } from '../libs/ledger/src/testing/ledger-fixtures.js';
import { DATABASE_MIGRATIONS } from '../libs/projections/src/database-migrations.js';
import { createMigratedDatabase } from '../libs/testing/src/postgres-harness.js';
import { runAuditVerify } from '../scripts/audit-verify.js';

type Db = Awaited<ReturnType<typeof createMigratedDatabase>>;

/** `npm run audit:verify`, run in-process on a real database. */
describe('npm run audit:verify', () => {
  let db: Db;
  let dir: string;
  const key = generateSigningKeyText();
  const signer = CheckpointSigner.fromText(key);
  let env: Record<string, string>;

  async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runAuditVerify(['--', ...argv], env, { out: (s) => (out += s), err: (s) => (err += s), tty: false });
    return { code, out, err };
  }

  beforeAll(async () => {
    db = await createMigratedDatabase(DATABASE_MIGRATIONS);
    dir = mkdtempSync(join(tmpdir(), 'jenjang-audit-cli-'));
    env = { DATABASE_URL: db.url, DATA_DIR: dir, LEDGER_SIGNING_KEY: key, NODE_ENV: 'test' };
    const store = new EventStore(db.dataSource);
    await appendMixedHistory(store, 30);
    const { sequencer } = testSequencer(db.dataSource, signer);
    await sequenceEverything(sequencer, db.dataSource, { checkpoint: true });
    await sequencer.stop();
  });
  afterAll(async () => db.close());

  test('an intact log: exit 0, and --save keeps the latest checkpoint', async () => {
    const saved = join(dir, 'old.json');
    const { code, out } = await cli('--save', saved);
    expect(code).toBe(0);
    expect(out).toMatch(/^Verified \d+ events in [\d.]+ s: the log is intact\./);
    expect(out).toContain('trusted: configured');
    const checkpoint = JSON.parse(readFileSync(saved, 'utf8'));
    expect(checkpoint).toMatchObject({ treeSize: expect.any(Number), publicKey: signer.publicKey });
  });

  test('no key configured, only the one generated under DATA_DIR: trusted, and said to be generated, not configured', async () => {
    const generatedDir = mkdtempSync(join(tmpdir(), 'jenjang-audit-cli-generated-'));
    writeFileSync(join(generatedDir, EMBEDDED_KEY_FILE), `${key}\n`);
    const run = (...argv: string[]) => {
      let out = '';
      const io = { out: (s: string) => (out += s), err: () => undefined, tty: false };
      return runAuditVerify(argv, { DATABASE_URL: db.url, DATA_DIR: generatedDir, NODE_ENV: 'test' }, io).then((code) => ({ code, out }));
    };
    const text = await run();
    expect(text.code).toBe(0);
    expect(text.out).toContain('trusted: generated under DATA_DIR, not configured');
    const json = await run('--json');
    expect(JSON.parse(json.out)).toMatchObject({ ok: true, trust: 'generated', trustedPublicKey: signer.publicKey });
  });

  test('--checkpoint: the log, grown since, still extends the saved checkpoint (a verified RFC 9162 consistency proof)', async () => {
    await appendMixedHistory(new EventStore(db.dataSource), 7);
    const { sequencer } = testSequencer(db.dataSource, signer);
    await sequenceEverything(sequencer, db.dataSource, { checkpoint: true });
    await sequencer.stop();
    const { code, out } = await cli('--checkpoint', join(dir, 'old.json'), '--json');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    const old = JSON.parse(readFileSync(join(dir, 'old.json'), 'utf8'));
    expect(result).toMatchObject({
      ok: true,
      trust: 'checkpoint-file',
      trustedCheckpoint: { treeSize: old.treeSize, reproduced: true, extendedTo: expect.any(Number), proofLength: expect.any(Number) },
    });
    expect(result.trustedCheckpoint.extendedTo).toBeGreaterThan(old.treeSize);
    const human = await cli('--checkpoint', join(dir, 'old.json'));
    expect(human.out).toMatch(
      new RegExp(
        `extends .*old\\.json \\(treeSize ${old.treeSize}.*→ ${result.trustedCheckpoint.extendedTo}: RFC 9162 consistency proof of \\d+ hashes verified`,
      ),
    );
  });

  test('bad arguments and a checkpoint file that is not one, or not signed by it: exit 2', async () => {
    expect((await cli('--frobnicate')).code).toBe(2);
    expect((await cli('--public-key', 'short')).code).toBe(2);
    writeFileSync(join(dir, 'junk.json'), '{"treeSize": "many"}');
    const junk = await cli('--checkpoint', join(dir, 'junk.json'));
    expect([junk.code, junk.err]).toEqual([2, expect.stringContaining('not a checkpoint')]);
    const old = JSON.parse(readFileSync(join(dir, 'old.json'), 'utf8'));
    writeFileSync(join(dir, 'forged.json'), JSON.stringify({ ...old, rootHash: 'ab'.repeat(32) }));
    const forged = await cli('--checkpoint', join(dir, 'forged.json'));
    expect([forged.code, forged.err]).toEqual([2, expect.stringContaining('signature')]);
    expect((await cli('--help')).code).toBe(0);
    const nowhere = await runAuditVerify(
      [],
      { DATA_DIR: join(dir, 'nothing-here'), NODE_ENV: 'test' },
      { out: () => undefined, err: (s) => (junk.err = s), tty: false },
    );
    expect([nowhere, junk.err]).toEqual([2, expect.stringContaining('no embedded database')]);
  });

  test('history rewritten and re-signed with another key: exit 1, BAD_SIGNATURE, against the kept checkpoint and the configured key', async () => {
    const dba = await RogueDba.connect(db.url);
    try {
      const [victim] = await dba.events();
      await dba.sql(`UPDATE events SET data = jsonb_set(data, '{level}', '"SEVERE"') WHERE global_position = $1`, [victim.global_position]);
      await dba.rechain(victim.stream_id, victim.version);
      await dba.wipeLedger();
    } finally {
      await dba.close();
    }
    const impostor = testSequencer(db.dataSource);
    await sequenceEverything(impostor.sequencer, db.dataSource, { checkpoint: true });
    await impostor.sequencer.stop();

    const withFile = await cli('--checkpoint', join(dir, 'old.json'));
    expect(withFile.code).toBe(1);
    expect(withFile.out).toMatch(/^TAMPERED: BAD_SIGNATURE at position \d+ \(leaf 0\)/);
    expect(withFile.out).toContain('does NOT extend');
    const configured = await cli('--json');
    expect(configured.code).toBe(1);
    expect(JSON.parse(configured.out)).toMatchObject({ ok: false, kind: 'BAD_SIGNATURE', leafIndex: 0 });
    // With no key and no checkpoint kept outside, a consistent rewrite is all there is to see.
    const blind = await runAuditVerify(
      ['--json'],
      { DATABASE_URL: db.url, DATA_DIR: dir, NODE_ENV: 'test' },
      { out: () => undefined, err: () => undefined, tty: false },
    );
    expect(blind).toBe(0);
  });
});
