import { ConfigError } from '../config.js';

/** Thrown for a bad command line: the message is printed with the usage and the exit code is 2. */
export class UsageError extends Error {}

/**
 * Runs a script's main function: prints configuration and usage errors plainly (exit 2), anything else
 * as one line without a stack (exit 1).
 */
export function runScript(main: () => Promise<void>, usage: string): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof UsageError) {
        console.error(`${err.message}\n\n${usage}`);
        process.exit(2);
      }
      if (err instanceof ConfigError) {
        console.error(err.message);
        process.exit(2);
      }
      console.error(`failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
