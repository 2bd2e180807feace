/**
 * RFC 9162 (Certificate Transparency v2) Merkle trees over event hashes, pure code.
 *
 *   leaf  = SHA-256(0x00 ‖ 32 raw bytes of the event hash)
 *   node  = SHA-256(0x01 ‖ left ‖ right)
 *   MTH({})   = SHA-256()
 *   MTH(D[n]) = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two below n
 *
 * The ledger stores every *perfect* subtree: node (level, index) covers leaves
 * [index·2^level, (index+1)·2^level). Any hash a proof needs is the right fold of O(log n) of them,
 * so proofs are planned here (which nodes) and assembled from one database read.
 */
import { createHash, hash as sha256Once } from 'node:crypto';

export type Hash = Buffer;

export const HASH_BYTES = 32;
const scratch = Buffer.allocUnsafe(1 + 2 * HASH_BYTES);

export const EMPTY_TREE_ROOT: Hash = createHash('sha256').digest();

export function leafHash(eventHash: Hash): Hash {
  if (eventHash.length !== HASH_BYTES) throw new Error(`an event hash has ${HASH_BYTES} bytes, got ${eventHash.length}`);
  scratch[0] = 0x00;
  eventHash.copy(scratch, 1);
  return sha256Once('sha256', scratch.subarray(0, 1 + HASH_BYTES), 'buffer');
}

export function nodeHash(left: Hash, right: Hash): Hash {
  scratch[0] = 0x01;
  left.copy(scratch, 1);
  right.copy(scratch, 1 + HASH_BYTES);
  return sha256Once('sha256', scratch, 'buffer');
}

export function hexToHash(hex: string): Hash {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`not a lowercase hex SHA-256: ${JSON.stringify(hex)}`);
  return Buffer.from(hex, 'hex');
}

/** The largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** A perfect, aligned subtree: leaves [index·2^level, (index+1)·2^level). */
export interface SubtreeRef {
  level: number;
  index: number;
}

export const subtreeStart = (s: SubtreeRef) => s.index * 2 ** s.level;
export const subtreeEnd = (s: SubtreeRef) => (s.index + 1) * 2 ** s.level;
export const subtreeKey = (s: SubtreeRef) => `${s.level}:${s.index}`;

/**
 * The perfect subtrees covering [start, end), largest first. Every range an RFC 9162 proof or root
 * needs starts at a multiple of its largest power of two, so the pieces come out strictly
 * decreasing and MTH(D[start:end]) is their right fold; anything else is refused.
 */
export function perfectPieces(start: number, end: number): SubtreeRef[] {
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && 0 <= start && start < end)) {
    throw new Error(`not a non-empty range: [${start}, ${end})`);
  }
  const pieces: SubtreeRef[] = [];
  let at = start;
  let previous = Infinity;
  while (at < end) {
    let level = 0;
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level += 1;
    if (level >= previous) throw new Error(`[${start}, ${end}) is not a range of an RFC 9162 tree`);
    pieces.push({ level, index: at / 2 ** level });
    previous = level;
    at += 2 ** level;
  }
  return pieces;
}

/** MTH of a range from its pieces' hashes (in perfectPieces order): right fold with node(). */
export function foldPieces(hashes: Hash[]): Hash {
  if (hashes.length === 0) throw new Error('no pieces to fold');
  let acc = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i], acc);
  return acc;
}

/** A range [start, end) whose MTH a proof carries. */
export interface Range {
  start: number;
  end: number;
}

/** RFC 9162 §2.1.3.1 PATH(m, D_n), as ranges, deepest first (the order of the audit path). */
export function inclusionPathRanges(leafIndex: number, treeSize: number): Range[] {
  if (!(Number.isSafeInteger(leafIndex) && Number.isSafeInteger(treeSize) && 0 <= leafIndex && leafIndex < treeSize)) {
    throw new Error(`leaf ${leafIndex} is not in a tree of size ${treeSize}`);
  }
  const path: Range[] = [];
  let lo = 0;
  let hi = treeSize;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (leafIndex < lo + k) {
      path.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      path.push({ start: lo, end: lo + k });
      lo += k;
    }
  }
  return path.reverse();
}

/** RFC 9162 §2.1.4.1 PROOF(m, D_n) = SUBPROOF(m, D_n, true), as ranges, in proof order. 0 < m ≤ n. */
export function consistencyProofRanges(from: number, to: number): Range[] {
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to) && 0 < from && from <= to)) {
    throw new Error(`no consistency proof from ${from} to ${to}`);
  }
  const proof: Range[] = [];
  // SUBPROOF(m, D[lo:hi], b), unrolled: the recursion only ever descends, appending on the way back.
  const trailing: Range[] = [];
  let lo = 0;
  let hi = to;
  let m = from;
  let b = true;
  for (;;) {
    const n = hi - lo;
    if (m === n) {
      if (!b) proof.push({ start: lo, end: hi });
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      trailing.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      trailing.push({ start: lo, end: lo + k });
      lo += k;
      m -= k;
      b = false;
    }
  }
  return [...proof, ...trailing.reverse()];
}

/**
 * An append-only tree kept as its right edge (the roots of the perfect subtrees of its size's
 * binary decomposition): appending a leaf yields the perfect subtrees it completes.
 */
export class MerkleFrontier {
  private constructor(
    private nodes: { level: number; hash: Hash }[],
    private count: number,
  ) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier([], 0);
  }

  /** Rebuilds the edge of a tree of `size` leaves from its perfect pieces' hashes (perfectPieces(0, size) order). */
  static restore(size: number, pieceHashes: Hash[]): MerkleFrontier {
    if (size === 0) return MerkleFrontier.empty();
    const pieces = perfectPieces(0, size);
    if (pieces.length !== pieceHashes.length)
      throw new Error(`a tree of ${size} leaves has ${pieces.length} pieces, got ${pieceHashes.length}`);
    return new MerkleFrontier(
      pieces.map((p, i) => ({ level: p.level, hash: pieceHashes[i] })),
      size,
    );
  }

  get size(): number {
    return this.count;
  }

  clone(): MerkleFrontier {
    return new MerkleFrontier([...this.nodes], this.count);
  }

  /** Appends one leaf hash; calls `completed` for every perfect subtree of level ≥ 1 it completes. */
  append(leaf: Hash, completed?: (level: number, index: number, hash: Hash) => void): void {
    let hash = leaf;
    let level = 0;
    const position = this.count;
    while (this.nodes.length > 0 && this.nodes[this.nodes.length - 1].level === level) {
      const left = this.nodes.pop() as { level: number; hash: Hash };
      hash = nodeHash(left.hash, hash);
      level += 1;
      completed?.(level, Math.floor(position / 2 ** level), hash);
    }
    this.nodes.push({ level, hash });
    this.count += 1;
  }

  root(): Hash {
    if (this.count === 0) return EMPTY_TREE_ROOT;
    return foldPieces(this.nodes.map((n) => n.hash));
  }
}

/** MTH over a list of leaf hashes, straight from the definition (small inputs: tests, tools). */
export function merkleTreeHash(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return EMPTY_TREE_ROOT;
  if (leaves.length === 1) return leaves[0];
  const k = splitPoint(leaves.length);
  return nodeHash(merkleTreeHash(leaves.slice(0, k)), merkleTreeHash(leaves.slice(k)));
}

/**
 * RFC 9162 §2.1.3.2: does `auditPath` prove leaf `leafIndex` (hash `leaf`) in the tree of
 * `treeSize` whose root is `root`? False for any malformed, short or long path.
 */
export function verifyInclusion(leafIndex: number, treeSize: number, leaf: Hash, auditPath: readonly Hash[], root: Hash): boolean {
  if (!(Number.isSafeInteger(leafIndex) && Number.isSafeInteger(treeSize)) || leafIndex < 0 || leafIndex >= treeSize) return false;
  if (auditPath.some((p) => p.length !== HASH_BYTES)) return false;
  let fn = BigInt(leafIndex);
  let sn = BigInt(treeSize - 1);
  let r = leaf;
  for (const p of auditPath) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

/**
 * RFC 9162 §2.1.4.2: does `proof` show that the tree of size `from` (root `fromRoot`) is a prefix
 * of the tree of size `to` (root `toRoot`)? from = to holds with an empty proof and equal roots.
 */
export function verifyConsistency(from: number, to: number, fromRoot: Hash, toRoot: Hash, proof: readonly Hash[]): boolean {
  if (!(Number.isSafeInteger(from) && Number.isSafeInteger(to)) || from < 1 || from > to) return false;
  if (proof.some((p) => p.length !== HASH_BYTES)) return false;
  if (from === to) return proof.length === 0 && fromRoot.equals(toRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : [...proof];
  let fn = BigInt(from - 1);
  let sn = BigInt(to - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return fr.equals(fromRoot) && sr.equals(toRoot) && sn === 0n;
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}
