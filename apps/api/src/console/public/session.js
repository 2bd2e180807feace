// The signed-in identity: the token lives in sessionStorage only (gone when the tab closes).
// The token is never logged or rendered; the claims are read (not verified) for display and
// navigation; the API verifies every call.

const TOKEN_KEY = 'jenjang.token';
const PROFILE_KEY = 'jenjang.profile';
const NOTICE_KEY = 'jenjang.notice';

function decodeSegment(segment) {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** The claims of a compact JWS, or null when it is not one. */
export function readClaims(token) {
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token)) return null;
  try {
    const claims = decodeSegment(token.split('.')[1]);
    if (typeof claims.sub !== 'string' || typeof claims.agency !== 'string' || !Array.isArray(claims.roles)) return null;
    return claims;
  } catch {
    return null;
  }
}

export function currentSession() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const claims = readClaims(token);
  if (!claims || (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now())) {
    signOut(claims ? 'expired' : undefined);
    return null;
  }
  let profile;
  try {
    profile = JSON.parse(sessionStorage.getItem(PROFILE_KEY) ?? '{}') ?? {};
  } catch {
    profile = {};
  }
  return {
    token,
    nip: claims.sub,
    agency: claims.agency,
    roles: claims.roles,
    expiresAt: typeof claims.exp === 'number' ? new Date(claims.exp * 1000) : null,
    name: profile.nip === claims.sub ? profile.name : undefined,
    label: profile.nip === claims.sub ? profile.label : undefined,
  };
}

export function signIn(token, profile) {
  sessionStorage.setItem(TOKEN_KEY, token);
  if (profile) sessionStorage.setItem(PROFILE_KEY, JSON.stringify({ nip: profile.nip, name: profile.name, label: profile.label }));
  else sessionStorage.removeItem(PROFILE_KEY);
}

export function signOut(notice) {
  sessionStorage.removeItem(TOKEN_KEY);
  sessionStorage.removeItem(PROFILE_KEY);
  if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
}

/** A one-time message for the sign-in page ('expired', 'unauthenticated'). */
export function takeNotice() {
  const notice = sessionStorage.getItem(NOTICE_KEY);
  sessionStorage.removeItem(NOTICE_KEY);
  return notice;
}

export const hasRole = (session, ...roles) => Boolean(session) && roles.some((r) => session.roles.includes(r));
