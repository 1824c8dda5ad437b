import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { openDatabase } from './db/client.js';
import { runMigrations } from './db/migrate.js';
import { waitForDatabase } from './db/wait-for-database.js';
import { printDemoTokens } from './demo/demo-tokens.js';
import { seedDemoIfEmpty } from './demo/seed-demo.js';
import { ensureCodeFixture } from './modules/codes/code-fixture.js';
import { createTokenVerifier } from './graphql/auth.js';
import { buildSchema } from './graphql/build-schema.js';
import { resolveJwtSecret } from './jwt-secret.js';
import { createLogger } from './logger.js';
import { installProcessFaultPolicy } from './process-faults.js';
import { startAnalyticsRefreshLoop } from './modules/analytics/analytics-refresh.loop.js';
import { startHoldSweepLoop } from './modules/engagement/hold-sweep.loop.js';
import { startClearinghousePollLoop } from './modules/clearinghouse-inbox/inbox-poll.loop.js';
import { startOverdueTaskLoop } from './modules/tasks/overdue-task.loop.js';
import { startReminderLoop } from './modules/engagement/reminder.loop.js';
import { createLoggingSender } from './modules/engagement/reminder.sender.js';

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Until the server is up, a fatal error just exits; afterwards it drains first (see shutdown below).
  let shutdown = async (_reason: string, exitCode = 0): Promise<void> => process.exit(exitCode);
  installProcessFaultPolicy(logger, (reason) => void shutdown(reason, 1));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: config.pgliteDataDir, poolSize: config.databasePoolSize, prepare: config.databasePrepare });
  const secret = resolveJwtSecret(config);
  const verifier = createTokenVerifier({
    secret,
    jwksUrl: config.jwksUrl,
    issuer: config.jwtIssuer,
    audience: config.jwtAudience,
    maxLifetimeSeconds: config.jwtMaxLifetimeSeconds,
    clockSkewSeconds: config.jwtClockSkewSeconds,
  });
  // Listen first: /healthz answers while the database is awaited; /readyz and /graphql answer 503 until ready.
  const app = await createApp({ config, database, schema: await buildSchema(), verifier, logger, startingUp: true, tokenSecret: secret });
  const port = await app.listen(config.port, config.host);
  logger.info({ port }, 'http listening; waiting for the database');
  await waitForDatabase(database, logger);
  await runMigrations(database);
  const demo = await seedDemoIfEmpty(database.db, config.seedDemo, logger);
  // The small code fixture on a database that never imported code sets, so code search works at once.
  await ensureCodeFixture(database.db);
  app.markReady();
  logger.info({ port, database: database.engine, startupMs: Date.now() - started }, 'medoffice listening');
  const reminders = config.reminderWorkerIntervalMs > 0 ? startReminderLoop(database.db, createLoggingSender(logger), config.reminderWorkerIntervalMs, logger) : null;
  const holdSweep = config.holdSweepIntervalSeconds > 0 ? startHoldSweepLoop(database.db, app.pubsub, config.holdSweepIntervalSeconds * 1000, logger) : null;
  const overdueTasks = config.overdueTaskSweepIntervalSeconds > 0 ? startOverdueTaskLoop(database.db, app.pubsub, config.overdueTaskSweepIntervalSeconds * 1000, logger) : null;
  const clearinghousePoll = config.clearinghousePollIntervalSeconds > 0 ? startClearinghousePollLoop(database.db, app.eligibility.clearinghouse, config.clearinghousePollIntervalSeconds * 1000, logger) : null;
  const analytics = config.analyticsRefreshIntervalSeconds > 0 ? startAnalyticsRefreshLoop(database.db, config.analyticsRefreshIntervalSeconds * 1000, logger) : null;
  if (config.printDemoTokens && demo && secret) await printDemoTokens(secret, demo.practiceId, port, config, database.db);

  let stopping = false;
  shutdown = async (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining requests');
    const timer = setTimeout(() => {
      logger.error('drain timed out; exiting');
      process.exit(1);
    }, config.shutdownDelayMs + config.shutdownGraceMs + 5000);
    timer.unref();
    try {
      // Background jobs first: a sweep in progress finishes and publishes before pub/sub and the database close.
      await Promise.all([reminders?.stop(), holdSweep?.stop(), overdueTasks?.stop(), analytics?.stop(), clearinghousePoll?.stop()]);
      await app.stop();
      await database.close();
    } catch (err) {
      logger.error({ err: { message: (err as Error).message } }, 'shutdown failed');
      process.exit(1);
    }
    logger.info({ exitCode }, 'stopped');
    process.exit(exitCode);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  console.error('medoffice failed to start:', err instanceof Error ? err.message : 'unknown error');
  process.exit(1);
});
