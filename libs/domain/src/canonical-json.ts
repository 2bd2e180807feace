/**
 * RFC 8785 canonical JSON, the one implementation: event hashes (event store and ledger verifier)
 * and idempotency request hashes. Written by hand because it runs on every append and a million
 * times in a verification: the `canonicalize` package, its oracle in the tests, is ~10x slower.
 * RFC 8785 serialises strings and numbers as ECMAScript's JSON.stringify does and orders object
 * keys by UTF-16 code units, which is what `sort()` does.
 */
const PLAIN_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

function hasLoneSurrogate(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      return true;
    }
  }
  return false;
}

export function canonicalString(value: string): string {
  if (PLAIN_STRING.test(value)) return `"${value}"`;
  if (hasLoneSurrogate(value)) throw new Error('Lone surrogate is not allowed');
  return JSON.stringify(value);
}

/** RFC 8785 canonical JSON of a JSON value (as JSON.parse gives it). */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return canonicalString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error('Non-finite numbers are not allowed');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          const item = value[i];
          out += item === undefined ? 'null' : canonicalJson(item);
        }
        return `${out}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record);
      if (keys.length > 1) keys.sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue;
        if (!first) out += ',';
        first = false;
        out += `${canonicalString(key)}:${canonicalJson(item)}`;
      }
      return `${out}}`;
    }
    default:
      throw new Error(`${typeof value} is not JSON`);
  }
}
