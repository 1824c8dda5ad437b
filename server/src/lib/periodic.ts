/** A background job started with `startPeriodic`. */
export interface Periodic {
  /** Stops scheduling runs and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs` (the first run after one interval). Runs never overlap in this process:
 * the next is scheduled when the previous settles. A run that throws is passed to `onError` and the
 * schedule goes on. Timers are unref'd, so a job never keeps the process alive.
 * @returns the job; `stop()` it before closing what `run` uses
 */
export function startPeriodic(run: () => Promise<void>, intervalMs: number, onError: (err: Error) => void): Periodic {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  const schedule = () => {
    timer = setTimeout(tick, intervalMs);
    timer.unref();
  };
  const tick = () => {
    running = run()
      .catch((err: unknown) => onError(err instanceof Error ? err : new Error(String(err))))
      .finally(() => {
        running = undefined;
        if (!stopped) schedule();
      });
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
