import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Child {
  proc: ChildProcess;
  logs: Record<string, unknown>[];
  /** Resolves with the first log line matching `msg`. */
  waitForLog(msg: string): Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/**
 * Runs the real entry point (server/src/main.ts through tsx) in a child process with only `env` (plus PATH),
 * listening on a free local port and logging JSON lines to stdout.
 */
export function spawnServer(env: Record<string, string>): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', PRINT_DEMO_TOKENS: 'false', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const waiters: { msg: string; resolve: (l: Record<string, unknown>) => void }[] = [];
  let buffer = '';
  proc.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      for (const w of waiters.filter((x) => x.msg === entry.msg)) w.resolve(entry);
    }
  });
  let stderr = '';
  proc.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  // 'close' (not 'exit') waits until stdout is fully read.
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  return {
    proc,
    logs,
    exited,
    stderr: () => stderr,
    waitForLog: (msg) =>
      new Promise((resolve, reject) => {
        const found = logs.find((l) => l.msg === msg);
        if (found) return resolve(found);
        waiters.push({ msg, resolve });
        void exited.then((code) => reject(new Error(`server exited (${code}) before logging "${msg}": ${stderr.slice(0, 2000)}`)));
      }),
  };
}
