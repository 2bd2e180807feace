import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { DATA_SOURCE, EventStore } from '../libs/event-store/src/index.js';
import { consistencyProofAt, inclusionProofAt, LedgerSequencer } from '../libs/ledger/src/index.js';
import { appendHistory, sequenceEverything } from '../libs/ledger/src/testing/ledger-fixtures.js';
import { startTestApp, type TestApp } from '../libs/testing/src/app-harness.js';
import { bearer, expectError, nip } from './http-support.js';

// ---------------------------------------------------------------------------------------------
// An independent RFC 9162 verifier, written from §2.1.1, §2.1.3.2 and §2.1.4.2 for this test
// (hex in, hex out, its own hashing): nothing here comes from the code under test.

const HASH = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);
const hex = (b: Buffer) => b.toString('hex');
const bytes = (h: string) => Buffer.from(h, 'hex');

/** §2.1.1: MTH(D[n]) over leaf inputs (here the 32 raw bytes of each event hash). */
function mth(inputs: Buffer[]): Buffer {
  const n = inputs.length;
  if (n === 0) return HASH();
  if (n === 1) return HASH(LEAF_PREFIX, inputs[0]);
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return HASH(NODE_PREFIX, mth(inputs.slice(0, k)), mth(inputs.slice(k)));
}

const lsb = (x: bigint) => (x & 1n) === 1n;

/** §2.1.3.2 */
function rfcVerifyInclusion(
  leafIndex: number,
  treeSize: number,
  leafHashHex: string,
  inclusionPath: string[],
  rootHashHex: string,
): boolean {
  if (inclusionPath.some((p) => !/^[0-9a-f]{64}$/.test(p))) return false;
  if (leafIndex >= treeSize) return false; // 1.
  let fn = BigInt(leafIndex); // 2.
  let sn = BigInt(treeSize - 1);
  let r: Buffer = bytes(leafHashHex); // 3.
  for (const p of inclusionPath) {
    // 4.
    if (sn === 0n) return false; // a.
    if (lsb(fn) || fn === sn) {
      // b.
      r = HASH(NODE_PREFIX, bytes(p), r);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0n)) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = HASH(NODE_PREFIX, r, bytes(p));
    }
    fn >>= 1n; // c.
    sn >>= 1n;
  }
  return sn === 0n && hex(r) === rootHashHex; // 5.
}

/** §2.1.4.2 */
function rfcVerifyConsistency(
  first: number,
  second: number,
  firstHashHex: string,
  secondHashHex: string,
  consistencyPath: string[],
): boolean {
  if (consistencyPath.some((p) => !/^[0-9a-f]{64}$/.test(p))) return false;
  if (consistencyPath.length === 0) return false; // 1.
  const path = (first & (first - 1)) === 0 ? [firstHashHex, ...consistencyPath] : [...consistencyPath]; // 2.
  let fn = BigInt(first - 1); // 3.
  let sn = BigInt(second - 1);
  while (lsb(fn)) {
    // 4.
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Buffer = bytes(path[0]); // 5.
  let sr: Buffer = bytes(path[0]);
  for (const c of path.slice(1)) {
    // 6.
    if (sn === 0n) return false; // a.
    if (lsb(fn) || fn === sn) {
      // b.
      fr = HASH(NODE_PREFIX, bytes(c), fr);
      sr = HASH(NODE_PREFIX, bytes(c), sr);
      if (!lsb(fn)) {
        while (!(lsb(fn) || fn === 0n)) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = HASH(NODE_PREFIX, sr, bytes(c));
    }
    fn >>= 1n; // c.
    sn >>= 1n;
  }
  return hex(fr) === firstHashHex && hex(sr) === secondHashHex && sn === 0n; // 7.
}

// ---------------------------------------------------------------------------------------------

/** Ways to spoil a valid proof; every one must be rejected. */
function spoiled(path: string[]): [string, string[]][] {
  const flip = (h: string) => (h[0] === '0' ? '1' : '0') + h.slice(1);
  const out: [string, string[]][] = [
    ['one more hash', [...path, 'ab'.repeat(32)]],
    ['one hash repeated', [...path, path[path.length - 1] ?? 'cd'.repeat(32)]],
  ];
  if (path.length > 0) {
    out.push(
      ['the last hash dropped', path.slice(0, -1)],
      ['the first hash dropped', path.slice(1)],
      ['a bit flipped', [flip(path[0]), ...path.slice(1)]],
    );
    out.push(
      ['a hash cut short', [path[0].slice(0, 62), ...path.slice(1)]],
      ['a hash not hex', [`zz${path[0].slice(2)}`, ...path.slice(1)]],
    );
    if (path.length > 1) out.push(['two hashes swapped', [path[1], path[0], ...path.slice(2)]]);
  }
  return out;
}

describe('RFC 9162 proofs, checked by an independent verifier', () => {
  let t: TestApp;
  let db: DataSource;
  let auditor: string;
  /** Event hashes in commit order: leaf i's input. */
  let inputs: Buffer[];
  let positions: number[];
  const roots = new Map<number, string>();
  const rootOf = (n: number) => {
    let r = roots.get(n);
    if (!r) roots.set(n, (r = hex(mth(inputs.slice(0, n)))));
    return r;
  };

  beforeAll(async () => {
    t = await startTestApp({ env: { LEDGER_CHECKPOINT_EVERY_EVENTS: '500' } });
    db = t.app.get(DATA_SOURCE);
    auditor = await t.token(nip(43, 1), ['auditor']);
    const store = new EventStore(db);
    // 64 one-event transactions (every tree size up to 64), then larger batches up to 2,600.
    await appendHistory(
      store,
      Array.from({ length: 64 }, (_, i) => ({ stream: `employee-p${i % 9}`, events: 1 })),
    );
    await appendHistory(
      store,
      Array.from({ length: 128 }, (_, i) => ({ stream: `employee-q${i % 13}`, events: 1 + (i % 39) })),
    );
    await sequenceEverything(t.app.get(LedgerSequencer), db, { checkpoint: true });
    const rows: { global_position: string; hash: string }[] = await db.query(
      `SELECT global_position, hash FROM events ORDER BY transaction_id, global_position`,
    );
    inputs = rows.map((r) => bytes(r.hash));
    positions = rows.map((r) => Number(r.global_position));
  });
  afterAll(async () => t.close());

  test('the independent verifier is sound: RFC 9162 hashes of small trees by hand', () => {
    const [a, b, c] = [HASH(Buffer.from('a')), HASH(Buffer.from('b')), HASH(Buffer.from('c'))];
    const [la, lb, lc] = [a, b, c].map((x) => HASH(LEAF_PREFIX, x));
    const ab = HASH(NODE_PREFIX, la, lb);
    expect(hex(mth([a, b, c]))).toBe(hex(HASH(NODE_PREFIX, ab, lc)));
    expect(rfcVerifyInclusion(2, 3, hex(lc), [hex(ab)], hex(mth([a, b, c])))).toBe(true);
    expect(rfcVerifyInclusion(0, 3, hex(la), [hex(lb), hex(lc)], hex(mth([a, b, c])))).toBe(true);
    expect(rfcVerifyInclusion(0, 3, hex(la), [hex(lc), hex(lb)], hex(mth([a, b, c])))).toBe(false);
    expect(rfcVerifyConsistency(2, 3, hex(ab), hex(mth([a, b, c])), [hex(lc)])).toBe(true);
    expect(rfcVerifyConsistency(2, 3, hex(ab), hex(mth([a, b, c])), [])).toBe(false);
  });

  test('the ledger is the RFC 9162 tree of the event hashes in commit order, and signed so', async () => {
    expect(inputs.length).toBeGreaterThan(2000);
    const latest = await t.http.get('/api/audit/checkpoints/latest').set(bearer(auditor));
    expect(latest.body).toMatchObject({ treeSize: inputs.length, rootHash: rootOf(inputs.length) });
    const signed: { tree_size: string; root_hash: Buffer }[] = await db.query(`SELECT tree_size, root_hash FROM ledger_checkpoints`);
    expect(signed.length).toBeGreaterThanOrEqual(5);
    for (const cp of signed) expect(cp.root_hash.toString('hex')).toBe(rootOf(Number(cp.tree_size)));
  });

  test('every leaf of every tree of 1 to 64 leaves: inclusion proofs verify, spoiled ones do not', async () => {
    let checked = 0;
    for (let n = 1; n <= 64; n++) {
      for (let m = 0; m < n; m++) {
        const proof = await inclusionProofAt(db, m, n);
        const leaf = hex(HASH(LEAF_PREFIX, inputs[m]));
        expect(proof.leafHash).toBe(leaf);
        expect(rfcVerifyInclusion(m, n, leaf, proof.auditPath, rootOf(n))).toBe(true);
        for (const [how, path] of spoiled(proof.auditPath))
          expect([n, m, how, rfcVerifyInclusion(m, n, leaf, path, rootOf(n))]).toEqual([n, m, how, false]);
        if (n > 1) expect(rfcVerifyInclusion((m + 1) % n, n, leaf, proof.auditPath, rootOf(n))).toBe(false);
        expect(rfcVerifyInclusion(m, n + 1, leaf, proof.auditPath, rootOf(n + 1))).toBe(false);
        checked += 1;
      }
    }
    expect(checked).toBe((64 * 65) / 2);
  });

  test('every pair of tree sizes 1 ≤ m < n ≤ 64: consistency proofs verify, spoiled ones do not', async () => {
    for (let n = 2; n <= 64; n++) {
      for (let m = 1; m < n; m++) {
        const { proof } = await consistencyProofAt(db, m, n);
        expect([m, n, rfcVerifyConsistency(m, n, rootOf(m), rootOf(n), proof)]).toEqual([m, n, true]);
        for (const [how, path] of spoiled(proof))
          expect([m, n, how, rfcVerifyConsistency(m, n, rootOf(m), rootOf(n), path)]).toEqual([m, n, how, false]);
        expect(rfcVerifyConsistency(m, n, rootOf(m), rootOf(n - 1), proof)).toBe(false);
      }
    }
  });

  test('random larger trees, over HTTP: inclusion by position and consistency, against independent roots', async () => {
    const total = inputs.length;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 65, max: total }), fc.nat(), fc.nat(), async (n, leafSeed, fromSeed) => {
        const m = leafSeed % n;
        const inclusion = await t.http.get(`/api/audit/proofs/inclusion?position=${positions[m]}&treeSize=${n}`).set(bearer(auditor));
        expect(inclusion.status).toBe(200);
        expect(inclusion.body).toMatchObject({ leafIndex: m, treeSize: n, leafHash: hex(HASH(LEAF_PREFIX, inputs[m])) });
        expect(rfcVerifyInclusion(m, n, inclusion.body.leafHash, inclusion.body.auditPath, rootOf(n))).toBe(true);
        for (const [, path] of spoiled(inclusion.body.auditPath))
          expect(rfcVerifyInclusion(m, n, inclusion.body.leafHash, path, rootOf(n))).toBe(false);

        const from = 1 + (fromSeed % (n - 1));
        const consistency = await t.http.get(`/api/audit/proofs/consistency?from=${from}&to=${n}`).set(bearer(auditor));
        expect(consistency.status).toBe(200);
        expect(rfcVerifyConsistency(from, n, rootOf(from), rootOf(n), consistency.body.proof)).toBe(true);
        for (const [, path] of spoiled(consistency.body.proof))
          expect(rfcVerifyConsistency(from, n, rootOf(from), rootOf(n), path)).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  test('proof sizes stay logarithmic, and the default tree size is the latest checkpoint', async () => {
    const n = inputs.length;
    const res = await t.http.get(`/api/audit/proofs/inclusion?position=${positions[7]}`).set(bearer(auditor));
    expect(res.body.treeSize).toBe(n);
    expect(res.body.auditPath.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)));
    const cons = await t.http.get(`/api/audit/proofs/consistency?from=1000`).set(bearer(auditor));
    expect(cons.body.to).toBe(n);
    expect(cons.body.proof.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)));
    expectError(
      await t.http.get(`/api/audit/proofs/inclusion?position=${positions[7]}&treeSize=${n + 1}`).set(bearer(auditor)),
      400,
      'VALIDATION_FAILED',
    );
  });
});
