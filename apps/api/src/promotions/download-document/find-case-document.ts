/** RFC 5987 / 6266: the name in UTF-8, percent-encoded, never a quoted string a name could break out of. */
export function inlineDisposition(name: string, fallback: string): string {
  const encode = (value: string) => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  let encoded: string;
  try {
    encoded = encode(name);
  } catch {
    encoded = encode(fallback); // a lone surrogate, which upload refuses: never in a name it stored
  }
  return `inline; filename*=UTF-8''${encoded}`;
}
