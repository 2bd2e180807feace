import { createHash } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  consistencyProofRanges,
  EMPTY_TREE_ROOT,
  foldPieces,
  inclusionPathRanges,
  leafHash,
  MerkleFrontier,
  merkleTreeHash,
  nodeHash,
  perfectPieces,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from './merkle.js';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const eventHash = (i: number) => sha(Buffer.from(`event ${i}`));
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leafHash(eventHash(i)));

/** MTH(D[a:b]) straight from RFC 9162 §2.1.1, over the leaves. */
const mth = (all: Hash[], a: number, b: number): Hash => merkleTreeHash(all.slice(a, b));

describe('RFC 9162 hashing', () => {
  test('leaf and node hashes carry the 0x00 / 0x01 prefixes', () => {
    const e = eventHash(1);
    expect(leafHash(e)).toEqual(sha(Buffer.from([0]), e));
    const [l, r] = [eventHash(2), eventHash(3)];
    expect(nodeHash(l, r)).toEqual(sha(Buffer.from([1]), l, r));
    expect(EMPTY_TREE_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test('a leaf hash refuses anything but 32 bytes', () => {
    expect(() => leafHash(Buffer.alloc(31))).toThrow();
  });

  test('the frontier reproduces MTH at every size and yields each perfect subtree once', () => {
    const all = leaves(130);
    const frontier = MerkleFrontier.empty();
    const completed = new Map<string, Hash>();
    all.forEach((leaf, i) => {
      frontier.append(leaf, (level, index, hash) => completed.set(`${level}:${index}`, hash));
      expect(frontier.root()).toEqual(mth(all, 0, i + 1));
    });
    for (const [key, hash] of completed) {
      const [level, index] = key.split(':').map(Number);
      expect(hash).toEqual(mth(all, index * 2 ** level, (index + 1) * 2 ** level));
    }
    // 130 leaves: 65 + 32 + 16 + 8 + 4 + 2 + 1 nodes of level ≥ 1
    expect(completed.size).toBe(128);
  });

  test('a frontier restored from its pieces goes on as the original', () => {
    const all = leaves(77);
    const pieces = perfectPieces(0, 50);
    const restored = MerkleFrontier.restore(
      50,
      pieces.map((p) => mth(all, p.index * 2 ** p.level, (p.index + 1) * 2 ** p.level)),
    );
    for (let i = 50; i < 77; i++) restored.append(all[i]);
    expect(restored.root()).toEqual(mth(all, 0, 77));
  });

  test('perfect pieces decompose proof ranges, and refuse ranges no RFC 9162 tree has', () => {
    expect(perfectPieces(0, 13)).toEqual([
      { level: 3, index: 0 },
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(perfectPieces(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(() => perfectPieces(1, 4)).toThrow();
    expect(() => perfectPieces(3, 3)).toThrow();
  });

  test('inclusion and consistency proofs from ranges verify for every leaf and size up to 64', () => {
    for (let n = 1; n <= 64; n++) {
      const all = leaves(n);
      const root = mth(all, 0, n);
      const hashOf = (r: { start: number; end: number }) =>
        foldPieces(perfectPieces(r.start, r.end).map((p) => mth(all, p.index * 2 ** p.level, (p.index + 1) * 2 ** p.level)));
      for (let m = 0; m < n; m++) {
        const path = inclusionPathRanges(m, n).map(hashOf);
        expect(verifyInclusion(m, n, all[m], path, root)).toBe(true);
        if (path.length > 0) expect(verifyInclusion(m, n, all[m], path.slice(0, -1), root)).toBe(false);
        expect(verifyInclusion(m, n, all[m], [...path, root], root)).toBe(false);
      }
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProofRanges(m, n).map(hashOf);
        expect(verifyConsistency(m, n, mth(all, 0, m), root, proof)).toBe(true);
        if (m < n) expect(verifyConsistency(m, n, mth(all, 0, m), root, proof.slice(1))).toBe(false);
      }
    }
  });

  test('consistency proofs match RFC 9162 SUBPROOF on random sizes', () => {
    const subproof = (m: number, lo: number, hi: number, b: boolean): string[] => {
      const n = hi - lo;
      if (m === n) return b ? [] : [`${lo}-${hi}`];
      let k = 1;
      while (k * 2 < n) k *= 2;
      return m <= k ? [...subproof(m, lo, lo + k, b), `${lo + k}-${hi}`] : [...subproof(m - k, lo + k, hi, false), `${lo}-${lo + k}`];
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1 << 20 }), fc.integer({ min: 0, max: 1 << 20 }), (m, extra) => {
        const n = m + extra;
        expect(consistencyProofRanges(m, n).map((r) => `${r.start}-${r.end}`)).toEqual(subproof(m, 0, n, true));
      }),
    );
  });
});
