/**
 * Commands over HTTP, as a client sends them: the data the benchmarks and the fault tests prepare,
 * and a steady load of `POST /api/trainings` that records every answer, for tests that break a
 * dependency underneath it.
 */

/** A valid NIP: birth 1970-1995, appointed at 25, sex, sequence. */
export function nipFor(i: number): string {
  const birthYear = 1970 + (i % 26);
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  return `${birthYear}${month}${day}${birthYear + 25}${month}${(i % 2) + 1}${String(i % 1000).padStart(3, '0')}`;
}

/** Concurrent requests while preparing data. */
const BATCH = 16;

async function post(url: string, token: string, body: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

/** Registers `count` employees of the token's agency over HTTP, 16 at a time; returns their NIPs. */
export async function registerEmployees(baseUrl: string, hrToken: string, count: number, offset = 0): Promise<string[]> {
  const nips = Array.from({ length: count }, (_, i) => nipFor(offset + i));
  for (let i = 0; i < nips.length; i += BATCH) {
    await Promise.all(
      nips.slice(i, i + BATCH).map(async (nip, k) => {
        const { status, text } = await post(`${baseUrl}/api/employees`, hrToken, {
          nip,
          name: `Pegawai ${offset + i + k}`,
          unitId: `unit-${(offset + i + k) % 12}`,
          grade: 'III/a',
          gradeSince: '2019-01-01',
          education: 'S1',
          positionTitle: 'Analis Kepegawaian',
          positionType: 'FUNGSIONAL',
          jenjang: 'AHLI_PERTAMA',
        });
        if (status !== 201) throw new Error(`registering ${nip} answered ${status}: ${text.slice(0, 300)}`);
      }),
    );
  }
  return nips;
}

/** A `POST /api/trainings` body; `serial` makes the certificate (a uniqueness key) distinct. */
export function trainingBody(nip: string, serial: string): Record<string, unknown> {
  return {
    nip,
    title: 'Pelatihan Manajemen ASN',
    hours: 24,
    kind: 'MANAGERIAL',
    provider: 'BPSDM Provinsi Sumatera Utara',
    completedOn: '2026-02-20',
    certificateNo: `BENCH-${serial}`,
    deliveryMode: 'CLASSROOM',
  };
}

export async function recordTrainings(baseUrl: string, hrToken: string, nips: string[], perEmployee: number, tag: string): Promise<void> {
  const bodies = nips.flatMap((nip, i) => Array.from({ length: perEmployee }, (_, k) => trainingBody(nip, `${tag}-${i}-${k}`)));
  for (let i = 0; i < bodies.length; i += BATCH) {
    await Promise.all(
      bodies.slice(i, i + BATCH).map(async (body) => {
        const { status, text } = await post(`${baseUrl}/api/trainings`, hrToken, body);
        if (status !== 201) throw new Error(`recording a training answered ${status}: ${text.slice(0, 300)}`);
      }),
    );
  }
}

/** One command's answer: status 0 when no HTTP answer came (refused, reset, timed out). */
export interface CommandOutcome {
  target: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  code?: string;
  trainingId?: string;
  error?: string;
}

/**
 * `concurrency` clients each sending `POST /api/trainings` back to back (a distinct certificate
 * each), round-robin over `targets`, until stopped. Timestamps are `performance.now()`.
 */
export class CommandLoad {
  readonly outcomes: CommandOutcome[] = [];
  private running = false;
  private clients: Promise<void>[] = [];
  private serial = 0;

  constructor(
    private readonly options: { targets: string[]; token: string; nips: string[]; concurrency: number; tag: string; timeoutMs?: number },
  ) {}

  start(): void {
    this.running = true;
    this.clients = Array.from({ length: this.options.concurrency }, (_, c) => this.client(c));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.clients);
  }

  accepted(): CommandOutcome[] {
    return this.outcomes.filter((o) => o.status >= 200 && o.status < 300);
  }

  private async client(c: number): Promise<void> {
    const { targets, token, nips, tag, timeoutMs = 15_000 } = this.options;
    while (this.running) {
      const n = this.serial++;
      const target = targets[(c + n) % targets.length];
      const sentAt = performance.now();
      const outcome: CommandOutcome = { target, sentAt, answeredAt: sentAt, status: 0 };
      try {
        const response = await fetch(`${target}/api/trainings`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(trainingBody(nips[n % nips.length], `${tag}-${n}`)),
          signal: AbortSignal.timeout(timeoutMs),
        });
        outcome.status = response.status;
        const body = (await response.json().catch(() => ({}))) as { code?: string; trainingId?: string };
        outcome.code = body.code;
        outcome.trainingId = body.trainingId;
      } catch (error) {
        outcome.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        // Refused: the process is not listening; back off a little rather than spin.
        await new Promise((r) => setTimeout(r, 20));
      }
      outcome.answeredAt = performance.now();
      this.outcomes.push(outcome);
    }
  }
}
