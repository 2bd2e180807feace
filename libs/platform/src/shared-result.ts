/**
 * `compute` run at most once per `maxAgeMs`, its answer shared by every caller meanwhile; a
 * computation still in flight is shared whatever its age, so a slow dependency never piles up calls.
 * For public probes (/health, /metrics) that must not turn a crowd of callers into database load.
 */
export function sharedFor<T>(maxAgeMs: number, compute: () => Promise<T>, now: () => number = () => performance.now()): () => Promise<T> {
  let current: { answer: Promise<T>; startedAt: number; settled: boolean } | null = null;
  return () => {
    if (current && (!current.settled || now() - current.startedAt < maxAgeMs)) return current.answer;
    const entry = { answer: Promise.resolve().then(compute), startedAt: now(), settled: false };
    const settle = () => {
      entry.settled = true;
    };
    entry.answer.then(settle, settle);
    current = entry;
    return entry.answer;
  };
}
