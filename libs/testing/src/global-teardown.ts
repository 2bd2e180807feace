export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as Record<string, unknown>).__jenjangEmbeddedPostgres as { stop(): Promise<void> } | undefined;
  if (embedded) await embedded.stop();
}
