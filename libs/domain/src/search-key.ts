/**
 * A name as search matches it: accents and case folded, runs of spaces and punctuation one space
 * ("Cut Nyak Meutia", "cut  nyak  MEUTIA" and "Cut Nyak Meutía" are one key). The read models
 * store it beside the name; a query is folded the same way.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a query, folded; at most `max` of them. */
export function searchWords(query: string, max = 8): string[] {
  return searchKey(query).split(' ').filter(Boolean).slice(0, max);
}
