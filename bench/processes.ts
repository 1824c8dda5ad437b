import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

export interface Child {
  proc: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/**
 * V8 flags of `pnpm start` (server/package.json), given to every benchmarked server alike: a 32 MB young
 * generation, so a server answering 100 KB pages scavenges less often (measured: ~15% less CPU per day view,
 * half the scavenges of 16 MB); an old-space limit under 2 GiB, so V8 lets the old generation grow to 2× the
 * live heap between mark-compacts instead of 4× (day view at concurrency 8: peak RSS ~240 instead of
 * ~350 MiB, a few more mark-compacts; bench/results/2026-12-06-memory.md).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=32', '--max-old-space-size=2047'];

/** Starts `node --import tsx <file>` with the production V8 flags and waits for its "LISTENING <port>" line. */
export function startChild(file: string, env: Record<string, string>, flags: readonly string[] = []): Promise<Child> {
  return spawnServer([...SERVER_NODE_FLAGS, ...flags, '--import', 'tsx', file], file, env);
}

const BUILT_API = 'server/dist/scripts/bench-server.js';
const BUILD_INFO = 'server/dist/.tsbuildinfo';

/**
 * Starts our API (server/src/scripts/bench-server.ts) with the production V8 flags. By default like
 * production: plain node on the tsc build in server/dist, rebuilt first when a server source is newer than
 * the last build. Under tsx (transformed sources, source maps, its loader): ~110 MiB more RSS
 * at start and a higher peak than production (bench/results/2026-12-06-memory.md).
 * BENCH_RUNTIME=tsx runs server/src under tsx instead (no build; its memory figures are not production's).
 * BENCH_NODE_FLAGS (space-separated) are added after the production flags, e.g. to try another
 * `--max-semi-space-size` (the last occurrence of a V8 flag wins).
 */
export function startApi(env: Record<string, string>, extraFlags: readonly string[] = []): Promise<Child> {
  const flags = [...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...extraFlags];
  if (process.env.BENCH_RUNTIME === 'tsx') return startChild('bench/our-server.ts', env, flags);
  ensureServerBuilt();
  return spawnServer([...SERVER_NODE_FLAGS, ...flags, BUILT_API], BUILT_API, env);
}

/** Newest modification time (ms) of the files under dir whose name passes keep. */
function newestMtime(dir: string, keep: (name: string) => boolean): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path, keep));
    else if (keep(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Runs the server's incremental tsc build unless server/dist is newer than every server source and tsconfig. */
export function ensureServerBuilt(): void {
  const built = existsSync(BUILT_API) && existsSync(BUILD_INFO) ? statSync(BUILD_INFO).mtimeMs : 0;
  const sources = Math.max(
    newestMtime('server/src', (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')),
    ...['tsconfig.json', 'server/tsconfig.json', 'server/tsconfig.build.json'].map((f) => statSync(f).mtimeMs),
  );
  if (built > sources) return;
  process.stderr.write('bench: server/src changed since the last build; building server/dist (tsc, incremental)\n');
  const tsc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'server/tsconfig.build.json'], { stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('the server build failed (see the tsc output above)');
  // tsc leaves its build info untouched when nothing needed emitting: mark this build as the newest.
  const now = new Date();
  utimesSync(BUILD_INFO, now, now);
}

function spawnServer(args: string[], file: string, env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
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
