/**
 * Signed checkpoints (signed tree heads): Ed25519 over the UTF-8 bytes of
 * `jenjang-checkpoint\n{treeSize}\n{rootHash}\n{signedAt}\n`, public key as the raw 32 bytes in base64.
 */
import { DomainError } from '#domain';
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface Checkpoint {
  treeSize: number;
  /** Lowercase hex MTH of the first `treeSize` leaves. */
  rootHash: string;
  /** ISO 8601 UTC instant, milliseconds, as signed. */
  signedAt: string;
  /** Base64 Ed25519 signature. */
  signature: string;
  /** Base64 raw 32-byte Ed25519 public key. */
  publicKey: string;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export class LedgerKeyError extends DomainError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('INTERNAL', message, { reason: 'LEDGER.KEY', cause: options.cause });
  }
}

export function checkpointMessage(treeSize: number, rootHash: string, signedAt: string): Buffer {
  return Buffer.from(`jenjang-checkpoint\n${treeSize}\n${rootHash}\n${signedAt}\n`, 'utf8');
}

export function publicKeyFromRaw(raw: Buffer): KeyObject {
  if (raw.length !== 32) throw new LedgerKeyError(`an Ed25519 public key has 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function rawPublicKey(key: KeyObject): Buffer {
  const der = createPublicKey(key).export({ format: 'der', type: 'spki' });
  return Buffer.from(der.subarray(der.length - 32));
}

/** The ledger's signing key: base64 or hex of the 32-byte seed, or a PKCS#8 PEM. */
export function parseSigningKey(text: string): KeyObject {
  const value = text.trim();
  try {
    if (value.startsWith('-----BEGIN')) {
      const key = createPrivateKey(value);
      if (key.asymmetricKeyType !== 'ed25519') throw new LedgerKeyError(`not an Ed25519 key (${key.asymmetricKeyType})`);
      return key;
    }
    const seed = /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
    if (seed.length !== 32 || (!/^[0-9a-fA-F]{64}$/.test(value) && !/^[A-Za-z0-9+/_-]{43}=?$/.test(value))) {
      throw new LedgerKeyError('expected the 32-byte Ed25519 seed in base64 or hex, or a PKCS#8 PEM');
    }
    return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  } catch (error) {
    if (error instanceof LedgerKeyError) throw new LedgerKeyError(`LEDGER_SIGNING_KEY: ${error.message}`);
    throw new LedgerKeyError(`LEDGER_SIGNING_KEY cannot be read as an Ed25519 key: ${(error as Error).message}`);
  }
}

/** A fresh seed in the base64 form LEDGER_SIGNING_KEY takes. */
export function generateSigningKeyText(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return Buffer.from(der.subarray(der.length - 32)).toString('base64');
}

export class CheckpointSigner {
  readonly publicKey: string;

  constructor(private readonly privateKey: KeyObject) {
    this.publicKey = rawPublicKey(privateKey).toString('base64');
  }

  static fromText(text: string): CheckpointSigner {
    return new CheckpointSigner(parseSigningKey(text));
  }

  sign(treeSize: number, rootHash: string, signedAt: string): Checkpoint {
    const signature = sign(null, checkpointMessage(treeSize, rootHash, signedAt), this.privateKey).toString('base64');
    return { treeSize, rootHash, signedAt, signature, publicKey: this.publicKey };
  }
}

/** Whether the checkpoint's signature verifies under `publicKey` (base64 raw), default its own. */
export function checkpointSignatureValid(checkpoint: Checkpoint, publicKey = checkpoint.publicKey): boolean {
  try {
    const raw = Buffer.from(publicKey, 'base64');
    const signature = Buffer.from(checkpoint.signature, 'base64');
    if (raw.length !== 32 || signature.length !== 64) return false;
    return verify(null, checkpointMessage(checkpoint.treeSize, checkpoint.rootHash, checkpoint.signedAt), publicKeyFromRaw(raw), signature);
  } catch {
    return false;
  }
}

/** A checkpoint as an auditor keeps it (the JSON of GET /api/audit/checkpoints/latest); throws on a malformed one. */
export function parseCheckpoint(value: unknown): Checkpoint {
  const v = value as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof v !== 'object' || v === null) throw new Error('a checkpoint is a JSON object');
  if (!(typeof v.treeSize === 'number' && Number.isSafeInteger(v.treeSize) && v.treeSize >= 1))
    problems.push('treeSize must be a positive integer');
  if (!(typeof v.rootHash === 'string' && HEX_HASH.test(v.rootHash))) problems.push('rootHash must be 64 lowercase hex digits');
  if (!(typeof v.signedAt === 'string' && INSTANT.test(v.signedAt)))
    problems.push('signedAt must be an ISO 8601 UTC instant with milliseconds');
  if (!(typeof v.signature === 'string' && BASE64.test(v.signature))) problems.push('signature must be base64');
  if (!(typeof v.publicKey === 'string' && BASE64.test(v.publicKey) && Buffer.from(v.publicKey, 'base64').length === 32)) {
    problems.push('publicKey must be a raw 32-byte Ed25519 key in base64');
  }
  if (problems.length) throw new Error(`not a checkpoint: ${problems.join('; ')}`);
  return {
    treeSize: v.treeSize as number,
    rootHash: v.rootHash as string,
    signedAt: v.signedAt as string,
    signature: v.signature as string,
    publicKey: v.publicKey as string,
  };
}

export const EMBEDDED_KEY_FILE = 'ledger-signing-key';

/**
 * LEDGER_SIGNING_KEY when set; otherwise a key generated once and kept under the data directory
 * (the embedded default), created exclusively so concurrent first starts agree on one key.
 */
export function resolveSigningKeyText(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = resolve(dataDir, EMBEDDED_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${generateSigningKeyText()}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}

/** The embedded key's public half if the file exists (the CLI never creates one). */
export function embeddedPublicKey(dataDir: string): string | null {
  const file = resolve(dataDir, EMBEDDED_KEY_FILE);
  if (!existsSync(file)) return null;
  return CheckpointSigner.fromText(readFileSync(file, 'utf8')).publicKey;
}

export interface LedgerKeys {
  /** The signing key, resolved (and, for the embedded default, generated) on first use: only the sequencer signs. */
  readonly signer: CheckpointSigner;
  /**
   * The public key verification trusts: LEDGER_TRUSTED_PUBLIC_KEY, else LEDGER_SIGNING_KEY's, else
   * the embedded key under DATA_DIR if one was generated there; null leaves verification to trust
   * the first checkpoint's key (and say so).
   */
  readonly trustedPublicKey: string | null;
  /** Where the trusted key came from: set in the configuration, or generated under DATA_DIR (null: no key). */
  readonly trustedKeySource: TrustedKeySource | null;
  /** Whether a key was configured rather than generated under DATA_DIR. */
  readonly configured: boolean;
}

export type TrustedKeySource = 'configured' | 'generated';

export function resolveLedgerKeys(given: { signingKey?: string; trustedPublicKey?: string; dataDir: string }): LedgerKeys {
  // An empty setting is an unset one (an environment variable present but blank).
  const settings = { ...given, signingKey: given.signingKey || undefined, trustedPublicKey: given.trustedPublicKey || undefined };
  let signer: CheckpointSigner | null = settings.signingKey ? CheckpointSigner.fromText(settings.signingKey) : null;
  return {
    get signer() {
      signer ??= CheckpointSigner.fromText(resolveSigningKeyText(settings.signingKey, settings.dataDir));
      return signer;
    },
    get trustedPublicKey() {
      const configured = settings.trustedPublicKey ?? (settings.signingKey ? signer?.publicKey : undefined);
      return configured ?? embeddedPublicKey(settings.dataDir);
    },
    get trustedKeySource(): TrustedKeySource | null {
      if (settings.trustedPublicKey || settings.signingKey) return 'configured';
      return embeddedPublicKey(settings.dataDir) ? 'generated' : null;
    },
    configured: Boolean(settings.signingKey),
  };
}

/**
 * In production a ledger key is configured, never generated: a key under DATA_DIR dies with the
 * directory, and auditors could not tell its successor from a forger's. The sequencer signs, so it
 * needs LEDGER_SIGNING_KEY; verification needs LEDGER_TRUSTED_PUBLIC_KEY (or the signing key).
 * Returns the reason the process must not start, or null.
 */
export function missingProductionLedgerKey(
  settings: { nodeEnv: string; signingKey?: string; trustedPublicKey?: string },
  role: 'signs' | 'verifies',
): string | null {
  if (settings.nodeEnv !== 'production') return null;
  if (role === 'signs' && !settings.signingKey) {
    return 'LEDGER_SIGNING_KEY: required when NODE_ENV=production (the ledger sequencer signs checkpoints with it; generate one with `openssl genpkey -algorithm ed25519`)';
  }
  if (role === 'verifies' && !settings.signingKey && !settings.trustedPublicKey) {
    return 'LEDGER_TRUSTED_PUBLIC_KEY or LEDGER_SIGNING_KEY: required when NODE_ENV=production (verification trusts the first; the relay signs with the second)';
  }
  return null;
}
