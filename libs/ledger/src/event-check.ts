/**
 * The event side of verification: each event, in commit order, must continue its stream at the
 * next version and carry SHA-256(previous stored hash of the stream ‖ canonical JSON of what it
 * holds now). Pure code (node:crypto only), run in a worker thread when one is available.
 */
import { hash as sha256Once } from 'node:crypto';
import { canonicalEventText } from './canonical.js';

/** An event as the pass reads it: raw text columns, nothing parsed by the driver. */
export type EventRow = [
  globalPosition: string,
  streamId: string,
  version: string,
  type: string,
  schemaVersion: string,
  data: string,
  metadata: string,
  hash: string,
];

/** Every column as the text PostgreSQL sends: the pass parses only what it uses. */
export const RAW_TEXT = { getTypeParser: () => (value: string) => value };

interface ChainAnomaly {
  /** Row of the page it was found at; the page ends with it. */
  offset: number;
  kind: 'ALTERED' | 'MISSING' | 'REORDERED';
  position: number;
  reason: string;
}

/** A page of checked events: what the ledger side needs of each, and the first anomaly if any. */
export interface EventPage {
  count: number;
  positions: Float64Array;
  /** The stored hashes, 64 hex digits each, back to back. */
  hashes: string;
  anomaly: ChainAnomaly | null;
}

/** Hashing without allocating: the previous hash and the canonical text are written into one buffer. */
class EventHasher {
  private buffer = Buffer.allocUnsafe(1 << 16);

  hash(previousHex: string | null, text: string): string {
    if (32 + text.length * 3 > this.buffer.length) this.buffer = Buffer.allocUnsafe(32 + text.length * 3);
    if (previousHex === null) this.buffer.fill(0, 0, 32);
    else this.buffer.write(previousHex, 0, 32, 'hex');
    const length = 32 + this.buffer.write(text, 32, 'utf8');
    return sha256Once('sha256', this.buffer.subarray(0, length), 'hex');
  }
}

export class EventChainChecker {
  private readonly streams = new Map<string, { version: number; hash: string }>();
  private readonly hasher = new EventHasher();
  stopped = false;

  checkPage(rows: readonly EventRow[]): EventPage {
    const positions = new Float64Array(rows.length);
    const hashes: string[] = [];
    let anomaly: ChainAnomaly | null = null;
    let count = 0;
    for (const row of rows) {
      const [positionText, streamId, versionText, type, schemaVersionText, dataText, metadataText, storedHash] = row;
      const offset = count;
      positions[offset] = +positionText;
      hashes.push(storedHash);
      count += 1;
      const version = +versionText;
      const previous = this.streams.get(streamId);
      const expected = previous ? previous.version + 1 : 1;
      if (version !== expected) {
        const position = +positionText;
        anomaly =
          version > expected
            ? {
                offset,
                kind: 'MISSING',
                position,
                reason: `versions ${expected}–${version - 1} of the stream of position ${position} (version ${version}) are missing`,
              }
            : {
                offset,
                kind: 'REORDERED',
                position,
                reason: `position ${position} is version ${version} of its stream, committed after version ${previous?.version}`,
              };
        break;
      }
      let recomputed: string;
      try {
        const text = canonicalEventText({
          streamId,
          version,
          type,
          schemaVersion: +schemaVersionText,
          data: JSON.parse(dataText),
          metadata: JSON.parse(metadataText),
        });
        recomputed = this.hasher.hash(previous ? previous.hash : null, text);
      } catch {
        recomputed = '';
      }
      if (recomputed !== storedHash) {
        anomaly = {
          offset,
          kind: 'ALTERED',
          position: +positionText,
          reason: `the content of position ${positionText} (version ${version} of its stream) does not match its hash`,
        };
        break;
      }
      if (previous) {
        previous.version = version;
        previous.hash = storedHash;
      } else {
        this.streams.set(streamId, { version, hash: storedHash });
      }
    }
    if (anomaly) this.stopped = true;
    return { count, positions: count === rows.length ? positions : positions.slice(0, count), hashes: hashes.join(''), anomaly };
  }
}
