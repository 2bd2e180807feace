/** Runs emmett-append.js in a child process and reads its one-line JSON result. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Distribution } from './benchmark.js';
import { builtScript, repositoryRoot } from './processes.js';

const run = promisify(execFile);

export interface EmmettResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  latencyMs: Distribution;
  errors: number;
  firstError: string | null;
}

export async function runEmmett(options: {
  url: string;
  writers: number;
  seconds: number;
  warmupSeconds: number;
  streamLength: number;
}): Promise<EmmettResult> {
  const script = builtScript('bench/emmett-append.js');
  try {
    const { stdout } = await run(process.execPath, [script, JSON.stringify(options)], {
      cwd: repositoryRoot(),
      timeout: (options.seconds + options.warmupSeconds + 60) * 1000,
      maxBuffer: 4 * 2 ** 20,
    });
    const last = stdout.trim().split('\n').pop() ?? '';
    return JSON.parse(last) as EmmettResult;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error((e.stderr || e.message).trim().split('\n').slice(0, 4).join(' | '), { cause: error });
  }
}
