/**
 * Dev sign-in is on only in the embedded default: not production, and no JWT_SECRET configured
 * (the api then signs with a random secret it generated under DATA_DIR, so no real identity
 * provider issues tokens for it). Anyone who can reach the port can then sign in as a demo user.
 */
export function devSignInEnabled(settings: { NODE_ENV: string; JWT_SECRET?: string }): boolean {
  return settings.NODE_ENV !== 'production' && !settings.JWT_SECRET;
}

/** Tokens minted by dev sign-in last a working day. */
export const DEV_TOKEN_TTL_SECONDS = 8 * 3600;
