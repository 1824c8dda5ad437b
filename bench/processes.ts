import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Child {
  proc: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/**
 * V8 flags of `pnpm start` (server/package.json), given to every benchmarked server alike: a 32 MB young
 * generation, so a server answering 100 KB pages scavenges less often (measured: ~15% less CPU per day view).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32'];

/** Starts `node --import tsx <file>` with the production V8 flags and waits for its "LISTENING <port>" line. */
export function startChild(file: string, env: Record<string, string>, flags: readonly string[] = []): Promise<Child> {
  const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...flags, '--import', 'tsx', file], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /LISTENING (\d+)/.exec(out);
      if (m) {
        proc.removeAllListeners('exit');
        resolve({
          proc,
          port: Number(m[1]),
          stop: () =>
            new Promise((done) => {
              proc.once('exit', () => done());
              proc.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The peak resident set size of a process so far (VmHWM), in MiB, from /proc (Linux); 0 when unknown. */
export function peakRssMiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}
