/**
 * Dev sign-in is on only in the embedded default: not production, and no JWT_SECRET configured
 * (the api then signs with a random secret it generated under DATA_DIR, so no real identity
 * provider issues tokens for it). Anyone who can reach the port can then sign in as a demo user.
 */
export function devSignInEnabled(settings: { NODE_ENV: string; JWT_SECRET?: string }): boolean {
  return settings.NODE_ENV !== 'production' && !settings.JWT_SECRET;
}

/**
 * Who may use it when it is on: `loopback` (the default) answers only a client on this machine
 * (127.0.0.0/8, ::1); `open` (DEV_SIGN_IN=open) any address, e.g. for a demo on a LAN.
 */
export type DevSignInReach = 'loopback' | 'open';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/** `client`: the request's address (the peer, or what a trusted proxy says it forwarded for). */
export function devSignInReaches(client: string | undefined, reach: DevSignInReach): boolean {
  return reach === 'open' || (client !== undefined && LOOPBACK.test(client));
}

/** Tokens minted by dev sign-in last a working day. */
export const DEV_TOKEN_TTL_SECONDS = 8 * 3600;
