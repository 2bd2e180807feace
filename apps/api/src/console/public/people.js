// Names for NIPs the page shows (decidedBy, proposer, claimedBy): from data already read, else
// one search by NIP (the search matches an NIP prefix); a NIP nobody can name stays a NIP.
import { api } from './api.js';
import { hasRole } from './session.js';
import { personName, rememberPeople } from './words.js';

const SEARCH_ROLES = ['hr', 'verifier', 'committee', 'ppk', 'bkn', 'auditor', 'admin'];
const asked = new Set();

/** Resolves the unknown NIPs; true when a name was learnt (the caller redraws). */
export async function resolvePeople(session, nips) {
  if (!hasRole(session, ...SEARCH_ROLES)) return false;
  const unknown = [...new Set(nips.filter((n) => n && !personName(n) && !asked.has(n)))].slice(0, 6);
  let learnt = false;
  await Promise.all(
    unknown.map(async (n) => {
      asked.add(n);
      try {
        const found = await api('/api/search', { query: { q: n } });
        rememberPeople(found?.employees);
        rememberPeople(found?.cases);
        if (personName(n)) learnt = true;
      } catch {
        /* search not available: the NIP is shown */
      }
    }),
  );
  return learnt;
}
