// Calls the Jenjang HTTP API (same origin). Errors carry the API's { code, message, details }.
import { currentSession, signOut } from './session.js';

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

function newKey() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let onUnauthenticated = () => {};
/** Called when the API rejects the session's token (expired, or signed with another secret). */
export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

/**
 * api('/api/queues/mine'); api('/api/promotions/x/decisions', { method: 'POST', body: {...} }).
 * Commands get a fresh Idempotency-Key per call, so a network retry cannot decide twice.
 */
export async function api(path, { method = 'GET', body, query, auth = true } = {}) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  const headers = { Accept: 'application/json' };
  const session = auth ? currentSession() : null;
  if (session) headers.Authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') headers['Idempotency-Key'] = newKey();
  let response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const error = new ApiError(
      response.status,
      data?.code ?? `HTTP_${response.status}`,
      data?.message ?? response.statusText,
      data?.details,
    );
    if (response.status === 401 && session) {
      signOut('unauthenticated');
      onUnauthenticated(error);
    }
    throw error;
  }
  return data;
}

/** Re-reads until the projection has caught up with a command's result (read models are async). */
export async function readUntil(read, done, { timeoutMs = 5000, intervalMs = 150 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!done(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, intervalMs));
    last = await read();
  }
  return last;
}

async function failure(response, session) {
  let data;
  try {
    data = JSON.parse(await response.text());
  } catch {
    data = null;
  }
  const error = new ApiError(response.status, data?.code ?? `HTTP_${response.status}`, data?.message ?? response.statusText, data?.details);
  if (response.status === 401 && session) {
    signOut('unauthenticated');
    onUnauthenticated(error);
  }
  return error;
}

/** A document's bytes with the bearer token (an iframe or img cannot send it): a Blob to preview. */
export async function apiBlob(path) {
  const session = currentSession();
  let response;
  try {
    response = await fetch(new URL(path, location.origin), {
      headers: session ? { Authorization: `Bearer ${session.token}` } : {},
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  if (!response.ok) throw await failure(response, session);
  return response.blob();
}

/** A file as the raw request body (document uploads are the API's one non-JSON body). */
export async function apiUpload(path, file, query) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, String(v));
  const session = currentSession();
  const headers = { Accept: 'application/json', 'Content-Type': file.type || 'application/octet-stream', 'Idempotency-Key': newKey() };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  let response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: file, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'The server could not be reached');
  }
  if (!response.ok) throw await failure(response, session);
  return response.json();
}
