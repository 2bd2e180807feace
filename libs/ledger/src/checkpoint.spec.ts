import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, test } from '@jest/globals';
import {
  CheckpointSigner,
  checkpointMessage,
  checkpointSignatureValid,
  embeddedPublicKey,
  generateSigningKeyText,
  parseCheckpoint,
  parseSigningKey,
  resolveLedgerKeys,
} from './checkpoint.js';

describe('checkpoints', () => {
  const signer = CheckpointSigner.fromText(generateSigningKeyText());
  const root = 'ab'.repeat(32);

  test('are signed over the exact text docs/api.md §Audit gives', () => {
    expect(checkpointMessage(42, root, '2026-03-02T03:00:00.000Z').toString()).toBe(
      `jenjang-checkpoint\n42\n${root}\n2026-03-02T03:00:00.000Z\n`,
    );
    const cp = signer.sign(42, root, '2026-03-02T03:00:00.000Z');
    expect(Buffer.from(cp.publicKey, 'base64')).toHaveLength(32);
    expect(Buffer.from(cp.signature, 'base64')).toHaveLength(64);
    expect(checkpointSignatureValid(cp)).toBe(true);
  });

  test('any change to a signed field, or another key, breaks the signature', () => {
    const cp = signer.sign(42, root, '2026-03-02T03:00:00.000Z');
    const other = CheckpointSigner.fromText(generateSigningKeyText());
    expect(checkpointSignatureValid({ ...cp, treeSize: 43 })).toBe(false);
    expect(checkpointSignatureValid({ ...cp, rootHash: 'cd'.repeat(32) })).toBe(false);
    expect(checkpointSignatureValid({ ...cp, signedAt: '2026-03-02T03:00:00.001Z' })).toBe(false);
    expect(checkpointSignatureValid(cp, other.publicKey)).toBe(false);
    expect(checkpointSignatureValid({ ...cp, signature: 'AAAA' })).toBe(false);
    expect(checkpointSignatureValid({ ...cp, publicKey: 'not base64!' })).toBe(false);
  });

  test('LEDGER_SIGNING_KEY takes a base64 or hex seed or a PKCS#8 PEM, and refuses anything else', () => {
    const seed = generateSigningKeyText();
    const hex = Buffer.from(seed, 'base64').toString('hex');
    expect(CheckpointSigner.fromText(hex).publicKey).toBe(CheckpointSigner.fromText(seed).publicKey);
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(CheckpointSigner.fromText(pem).publicKey).toHaveLength(44);
    expect(() => parseSigningKey('too-short')).toThrow(/LEDGER_SIGNING_KEY/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => parseSigningKey(rsa)).toThrow(/Ed25519/);
  });

  test('the embedded default generates one key under the data directory and keeps it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jenjang-ledger-'));
    expect(embeddedPublicKey(dir)).toBeNull();
    // Verification alone generates nothing: with no key anywhere it trusts nothing in particular.
    expect(resolveLedgerKeys({ dataDir: dir }).trustedPublicKey).toBeNull();
    expect(embeddedPublicKey(dir)).toBeNull();
    const first = resolveLedgerKeys({ dataDir: dir });
    expect(first.signer.publicKey).toHaveLength(44);
    const second = resolveLedgerKeys({ dataDir: dir });
    expect(second.signer.publicKey).toBe(first.signer.publicKey);
    expect(first.trustedPublicKey).toBe(first.signer.publicKey);
    expect(first.trustedKeySource).toBe('generated');
    expect(resolveLedgerKeys({ dataDir: dir, signingKey: '' }).trustedKeySource).toBe('generated');
    expect(resolveLedgerKeys({ dataDir: dir, trustedPublicKey: 'x' }).trustedKeySource).toBe('configured');
    expect(embeddedPublicKey(dir)).toBe(first.signer.publicKey);
    expect(readFileSync(join(dir, 'ledger-signing-key'), 'utf8').trim()).toHaveLength(44);
    expect(resolveLedgerKeys({ dataDir: dir, trustedPublicKey: 'x' }).trustedPublicKey).toBe('x');
  });

  test('a checkpoint file is parsed strictly', () => {
    const cp = signer.sign(7, root, '2026-03-02T03:00:00.000Z');
    expect(parseCheckpoint(JSON.parse(JSON.stringify(cp)))).toEqual(cp);
    expect(() => parseCheckpoint({ ...cp, treeSize: 0 })).toThrow(/treeSize/);
    expect(() => parseCheckpoint({ ...cp, rootHash: 'AB'.repeat(32) })).toThrow(/rootHash/);
    expect(() => parseCheckpoint({ ...cp, publicKey: 'AAAA' })).toThrow(/publicKey/);
    expect(() => parseCheckpoint(null)).toThrow();
  });
});
