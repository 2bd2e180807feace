/**
 * npm run audit:verify -- [--checkpoint old.json] [--public-key <base64>] [--save latest.json] [--json]
 *
 * Recomputes every event's hash and stream link, rebuilds the ledger's Merkle tree, checks every
 * checkpoint's signature and root, and reports the first position whose content, order or
 * presence was altered. With --checkpoint (a checkpoint kept outside the system, the JSON of
 * GET /api/audit/checkpoints/latest), proves the current log extends it. Exit status: 0 intact,
 * 1 tampered, 2 could not verify. DATABASE_URL, else the embedded PostgreSQL under DATA_DIR.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Presets, SingleBar } from 'cli-progress';
import { validateEnvironment } from '#config';
import { EmbeddedDatabaseInUseError, openDataSource, startEmbeddedPostgresForCommand, type EmbeddedDatabase } from '#event-store';
import {
  latestCheckpoint,
  LedgerVerifier,
  parseCheckpoint,
  resolveLedgerKeys,
  UntrustedCheckpointError,
  type Checkpoint,
  type VerificationResult,
} from '#ledger';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Whether to draw a progress bar (a terminal). */
  tty: boolean;
}

interface Args {
  checkpoint?: string;
  publicKey?: string;
  save?: string;
  json: boolean;
  help: boolean;
}

const USAGE = `usage: npm run audit:verify -- [--checkpoint <file>] [--public-key <base64>] [--save <file>] [--json]

  --checkpoint <file>   a checkpoint kept earlier (JSON of GET /api/audit/checkpoints/latest):
                        the log must still reproduce it, and its key is trusted unless --public-key says otherwise
  --public-key <key>    the raw Ed25519 public key (base64) every checkpoint must be signed with
                        (default: LEDGER_TRUSTED_PUBLIC_KEY, LEDGER_SIGNING_KEY's, or the key generated under DATA_DIR)
  --save <file>         after a clean verification, write the latest checkpoint there, to keep
  --json                print the result as JSON only
exit status: 0 intact, 1 tampered, 2 could not verify`;

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, help: false };
  const rest = argv.filter((a) => a !== '--');
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--checkpoint') args.checkpoint = value();
    else if (flag === '--public-key') args.publicKey = value();
    else if (flag === '--save') args.save = value();
    else if (flag === '--json') args.json = true;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new UsageError(`unknown argument ${JSON.stringify(flag)}`);
  }
  if (args.publicKey !== undefined && !/^[A-Za-z0-9+/]{43}=$/.test(args.publicKey)) {
    throw new UsageError('--public-key must be a raw 32-byte Ed25519 key in base64');
  }
  return args;
}

function readCheckpointFile(file: string): Checkpoint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return parseCheckpoint(JSON.parse(text));
  } catch (error) {
    throw new UsageError(`${file} is not a checkpoint: ${(error as Error).message}`);
  }
}

const n = (value: number) => value.toLocaleString('en-US');

function describe(result: VerificationResult, args: Args): string {
  const lines: string[] = [];
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.ok) {
    lines.push(`Verified ${n(result.checkedEvents)} events in ${seconds} s: the log is intact.`);
  } else {
    const where = result.firstInvalidPosition !== undefined ? `at position ${result.firstInvalidPosition}` : 'at an unknown position';
    lines.push(`TAMPERED: ${result.kind} ${where} (leaf ${result.leafIndex})`);
    lines.push(`  ${result.reason}`);
    lines.push(`  ${n(result.checkedEvents)} events checked before it, in ${seconds} s.`);
  }
  const trust =
    result.trust === 'first-checkpoint'
      ? 'trusted on first use: no key was given, so a rewrite re-signed with another key would pass'
      : result.trust === 'none'
        ? 'no checkpoint and no key'
        : result.trust === 'generated'
          ? `trusted: generated under DATA_DIR, not configured (whoever can write that directory can re-sign; set LEDGER_TRUSTED_PUBLIC_KEY)`
          : `trusted: ${result.trust}`;
  lines.push(
    `  ledger: ${n(result.treeSize)} leaves, ${n(result.pendingEvents)} events pending; ${result.checkpointsChecked} checkpoint${result.checkpointsChecked === 1 ? '' : 's'}, key ${result.trustedPublicKey ?? '-'} (${trust})`,
  );
  if (result.latestCheckpoint) {
    const c = result.latestCheckpoint;
    lines.push(`  latest checkpoint: treeSize ${c.treeSize}, root ${c.rootHash}, signed ${c.signedAt}`);
  }
  if (result.trustedCheckpoint) {
    const t = result.trustedCheckpoint;
    const kept = `${args.checkpoint} (treeSize ${t.treeSize}, root ${t.rootHash}, signed ${t.signedAt})`;
    if (t.reproduced === null) lines.push(`  ${kept}: not reached, the log failed before its last leaf`);
    else if (!t.reproduced) lines.push(`  does NOT extend ${kept}: its root is not reproduced`);
    else if (t.extendedTo !== null)
      lines.push(`  extends ${kept} → ${t.extendedTo}: RFC 9162 consistency proof of ${t.proofLength} hashes verified`);
    else lines.push(`  reproduces ${kept}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The CLI, callable in-process (tests). Returns the exit status. */
export async function runAuditVerify(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let embedded: EmbeddedDatabase | null = null;
  try {
    const config = validateEnvironment(env);
    const file = args.checkpoint ? readCheckpointFile(args.checkpoint) : null;
    const keys = resolveLedgerKeys({
      signingKey: config.LEDGER_SIGNING_KEY,
      trustedPublicKey: config.LEDGER_TRUSTED_PUBLIC_KEY,
      dataDir: config.DATA_DIR,
    });
    // An explicit key wins; then the auditor's own checkpoint; then the configuration (or the key generated under DATA_DIR).
    const trustedPublicKey = args.publicKey ?? (file ? null : keys.trustedPublicKey);
    const trustedKeySource = args.publicKey ? 'configured' : keys.trustedKeySource;

    let url = config.DATABASE_URL;
    if (!url) {
      // The embedded default's database, if the app ever ran here; never a new empty one.
      if (!existsSync(resolve(config.DATA_DIR, 'pg', 'PG_VERSION'))) {
        throw new UsageError(
          `no DATABASE_URL and no embedded database under ${config.DATA_DIR}: nothing to verify (run npm start first, or set DATABASE_URL)`,
        );
      }
      embedded = await startEmbeddedPostgresForCommand(config.DATA_DIR, config.EMBEDDED_PG_PORT, 'audit:verify');
      url = embedded.url;
    }
    const dataSource = await openDataSource({ url, migrations: [], poolSize: 3, applicationName: 'jenjang-audit-verify' });
    try {
      const [{ ledger }]: { ledger: string | null }[] = await dataSource.query(`SELECT to_regclass('ledger_leaves')::text AS ledger`);
      if (!ledger)
        throw new UsageError('this database has no ledger tables: start the relay once (it runs the migrations) before verifying');
      const bar =
        io.tty && !args.json
          ? new SingleBar(
              {
                format: 'verifying [{bar}] {percentage}% | {value}/{total} events | {duration}s',
                hideCursor: true,
                stream: process.stderr,
              },
              Presets.shades_classic,
            )
          : null;
      bar?.start(1, 0);
      let result: VerificationResult;
      try {
        result = await new LedgerVerifier(dataSource).verify({
          trustedPublicKey,
          trustedKeySource,
          trustedCheckpoint: file,
          pageSize: 10_000,
          onProgress: (checked, total) => {
            bar?.setTotal(Math.max(1, total));
            bar?.update(checked);
          },
        });
      } finally {
        bar?.stop();
      }
      if (args.save && result.ok) {
        const latest = await latestCheckpoint(dataSource);
        if (latest) writeFileSync(args.save, `${JSON.stringify(latest, null, 2)}\n`);
      }
      io.out(args.json ? `${JSON.stringify(result, null, 2)}\n` : describe(result, args));
      if (args.save && !args.json)
        io.out(result.ok ? `  saved the latest checkpoint to ${args.save}\n` : `  nothing saved to ${args.save}: the log did not verify\n`);
      return result.ok ? 0 : 1;
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    const message =
      error instanceof UsageError || error instanceof UntrustedCheckpointError || error instanceof EmbeddedDatabaseInUseError
        ? error.message
        : `could not verify: ${(error as Error).message}`;
    io.err(`${message}\n`);
    return 2;
  } finally {
    if (embedded) await embedded.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runAuditVerify(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    tty: Boolean(process.stderr.isTTY),
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(2);
    },
  );
}
