import { z } from 'zod';

/** A whole number from an environment string, with a message that says so instead of "received NaN". */
const whole = () =>
  z.coerce.number({ error: (issue) => (issue.code === 'invalid_type' ? 'must be a whole number' : undefined) }).int({ error: 'must be a whole number' });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: whole().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: whole().min(1).max(200).default(10),
  DATABASE_PREPARE: z.enum(['true', 'false']).default('true'),
  PGLITE_DATA_DIR: z.string().default('./.data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  JWT_MAX_LIFETIME_SECONDS: whole().min(60).max(30 * 86400).default(43200),
  JWT_CLOCK_SKEW_SECONDS: whole().min(0).max(600).default(60),
  PARTNER_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  PRINT_DEMO_TOKENS: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // true/false are the values this variable took before introspection required a token.
  INTROSPECTION: z.enum(['authenticated', 'off', 'true', 'false']).default('authenticated'),
  MAX_QUERY_DEPTH: whole().min(1).default(12),
  MAX_QUERY_COST: whole().min(1).default(20000),
  MAX_QUERY_ALIASES: whole().min(0).default(30),
  SHUTDOWN_GRACE_MS: whole().min(0).default(10000),
  SHUTDOWN_DELAY_MS: whole().min(0).default(0),
  EXPOSE_QUERY_STATS: z.enum(['true', 'false']).default('false'),
  SPLICE_PAGE_JSON: z.enum(['true', 'false']).default('true'),
  GRAPHQL_EXECUTOR: z.enum(['jit', 'graphql-js']).default('jit'),
  REDIS_URL: z.string().url().optional(),
  RATE_LIMIT: z.enum(['on', 'off']).optional(),
  RATE_LIMIT_WINDOW_SECONDS: whole().min(1).max(3600).default(60),
  RATE_LIMIT_SUBJECT_REQUESTS: whole().min(0).default(1200),
  RATE_LIMIT_SUBJECT_COST: whole().min(0).default(1_000_000),
  RATE_LIMIT_IP_REQUESTS: whole().min(0).default(6000),
  RATE_LIMIT_IP_COST: whole().min(0).default(5_000_000),
  RATE_LIMIT_REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:._-]{1,64}$/).default('medoffice:ratelimit:'),
  TRUST_PROXY: whole().min(0).max(10).default(0),
  TELEHEALTH_BASE_URL: z.string().url().optional(),
  REMINDER_WORKER_INTERVAL_MS: z.coerce.number().int().min(0).default(0),
  HOLD_SWEEP_INTERVAL_SECONDS: whole().min(0).max(86400).default(60),
  OVERDUE_TASK_SWEEP_INTERVAL_SECONDS: whole().min(0).max(86400).default(900),
  ANALYTICS_SUPPRESSION_THRESHOLD: whole().min(11).max(50).default(11),
  ANALYTICS_REFRESH_INTERVAL_SECONDS: whole().min(0).max(86400).default(900),
  CLEARINGHOUSE_MODE: z.enum(['simulated', 'http']).default('simulated'),
  CLEARINGHOUSE_DELIVERY: z.enum(['synchronous', 'mailbox']).default('synchronous'),
  CLEARINGHOUSE_MAILBOX_URL: z.string().url().optional(),
  CLEARINGHOUSE_POLL_INTERVAL_SECONDS: whole().min(0).max(86400).default(300),
  CLEARINGHOUSE_URL: z.string().url().optional(),
  CLEARINGHOUSE_USERNAME: z.string().optional(),
  CLEARINGHOUSE_PASSWORD: z.string().optional(),
  CLEARINGHOUSE_TIMEOUT_MS: z.coerce.number().int().min(1).default(15000),
  CLEARINGHOUSE_RETRIES: z.coerce.number().int().min(0).max(5).default(2),
  CLEARINGHOUSE_BACKOFF_MS: z.coerce.number().int().min(0).default(250),
  CLEARINGHOUSE_BREAKER_THRESHOLD: z.coerce.number().int().min(1).default(5),
  CLEARINGHOUSE_BREAKER_RESET_MS: z.coerce.number().int().min(0).default(30000),
  X12_SENDER_ID: z.string().regex(/^[A-Za-z0-9]{2,15}$/).default('MEDOFFICE'),
  X12_RECEIVER_ID: z.string().regex(/^[A-Za-z0-9]{2,15}$/).default('CLEARINGHOUSE'),
  X12_USAGE: z.enum(['T', 'P']).default('T'),
  ELIGIBILITY_FRESHNESS_HOURS: z.coerce.number().min(0).default(24),
  ELIGIBILITY_BATCH_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
});

/** Every environment variable the server reads; each is documented in the committed .env.example. */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl?: string;
  databasePoolSize: number;
  /** Named prepared statements on PostgreSQL; false behind PgBouncer in transaction pooling mode. */
  databasePrepare: boolean;
  pgliteDataDir: string;
  jwtSecret?: string;
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** Longest accepted token lifetime (exp − iat); tokens without exp are refused. */
  jwtMaxLifetimeSeconds: number;
  /** Clock drift tolerated for exp, nbf and iat. */
  jwtClockSkewSeconds: number;
  /** Lifetime of partner-client access tokens from POST /oauth/token. */
  partnerTokenTtlSeconds: number;
  seedDemo: 'auto' | 'always' | 'never';
  printDemoTokens: boolean;
  logLevel: string;
  /** authenticated: schema introspection for any caller with a valid token (every request needs one); off: refused. */
  introspection: 'authenticated' | 'off';
  limits: { maxDepth: number; maxCost: number; maxAliases: number };
  /** How long in-flight requests may take to finish after the listener closes. */
  shutdownGraceMs: number;
  /** How long /readyz reports 503 before the listener closes, so a load balancer stops routing here. */
  shutdownDelayMs: number;
  /** Adds `extensions.stats` (SQL statement count) to responses; for tests and benchmarks. */
  exposeQueryStats: boolean;
  /** Compiled pages' edges are written by PostgreSQL straight into the response body (graphql/compile/splice.ts); off only to rule it out. */
  splicePageJson: boolean;
  /** `jit`: read operations run compiled by graphql-jit; `graphql-js`: everything on graphql-js's interpreter. */
  executor: 'jit' | 'graphql-js';
  /** When set, subscription events go through Redis pub/sub so every server instance sees them (and rate limits are shared). */
  redisUrl?: string;
  /**
   * Budgets per token subject and per client address, per window (0 = unlimited); counters in Redis when
   * redisUrl is set. Off by default under NODE_ENV=test (tests that need it turn it on).
   */
  rateLimit: {
    enabled: boolean;
    windowSeconds: number;
    subjectRequests: number;
    subjectCost: number;
    ipRequests: number;
    ipCost: number;
    redisPrefix: string;
  };
  /** Proxies in front of the server whose X-Forwarded-For is believed for the client address (0: none). */
  trustProxy: number;
  /** Base of telehealth join links (`<base>/<token>`); telehealth links are unavailable without it. */
  telehealthBaseUrl?: string;
  /** Run the built-in reminder sender (logging adapter) every this many ms; 0 = off. */
  reminderWorkerIntervalMs: number;
  /** Release expired waitlist holds every this many seconds; 0 = off (they are then released only by colliding bookings). */
  holdSweepIntervalSeconds: number;
  /** How often overdue referrals and orders get their tasks (0 = never; createOverdue…Tasks mutations still work). */
  overdueTaskSweepIntervalSeconds: number;
  /** Analytics rows counting fewer distinct patients are suppressed (11 at least, 50 at most). */
  analyticsSuppressionThreshold: number;
  /** Rebuild every practice's analytics rollups every this many seconds; 0 = off (then only on demand). */
  analyticsRefreshIntervalSeconds: number;
  /** Poll every practice's clearinghouse mailbox every this many seconds; 0 = off (then only pollClearinghouse). */
  clearinghousePollIntervalSeconds: number;
  clearinghouse: {
    mode: 'simulated' | 'http';
    /**
     * How the simulator answers claims: synchronous (999 and 277CA in the exchange, ERAs in the mailbox)
     * or mailbox (everything in the mailbox). The HTTP client takes what its clearinghouse sends.
     */
    delivery: 'synchronous' | 'mailbox';
    /** Base of the HTTP clearinghouse's mailboxes (default: CLEARINGHOUSE_URL + /mailbox). */
    mailboxUrl?: string;
    url?: string;
    username?: string;
    password?: string;
    timeoutMs: number;
    retries: number;
    backoffMs: number;
    breakerThreshold: number;
    breakerResetMs: number;
    senderId: string;
    receiverId: string;
    usage: 'T' | 'P';
  };
  eligibility: { freshnessHours: number; batchConcurrency: number };
}

export class ConfigError extends Error {}

/**
 * Reads and validates configuration. The only reader of process.env in the server.
 * @param env - the environment to read (process.env by default)
 * @param opts - verifiesTokens: false for scripts that never check a token (migrate, seed)
 * @returns the validated configuration
 * @throws ConfigError naming each bad variable
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, opts: { verifiesTokens?: boolean } = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (see .env.example):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if ((opts.verifiesTokens ?? true) && e.DATABASE_URL && !e.JWT_SECRET && !e.JWT_JWKS_URL) {
    throw new ConfigError(
      'Invalid configuration (see .env.example):\n  JWT_SECRET: required when DATABASE_URL is set (or set JWT_JWKS_URL)',
    );
  }
  if (e.CLEARINGHOUSE_MODE === 'http' && !e.CLEARINGHOUSE_URL) {
    throw new ConfigError('Invalid configuration:\n  CLEARINGHOUSE_URL: required when CLEARINGHOUSE_MODE is http');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databasePrepare: e.DATABASE_PREPARE === 'true',
    pgliteDataDir: e.PGLITE_DATA_DIR,
    jwtSecret: e.JWT_SECRET,
    jwksUrl: e.JWT_JWKS_URL,
    jwtIssuer: e.JWT_ISSUER,
    jwtAudience: e.JWT_AUDIENCE,
    jwtMaxLifetimeSeconds: e.JWT_MAX_LIFETIME_SECONDS,
    jwtClockSkewSeconds: e.JWT_CLOCK_SKEW_SECONDS,
    partnerTokenTtlSeconds: e.PARTNER_TOKEN_TTL_SECONDS,
    seedDemo: e.SEED_DEMO,
    printDemoTokens: e.PRINT_DEMO_TOKENS ? e.PRINT_DEMO_TOKENS === 'true' : !e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    introspection: e.INTROSPECTION === 'off' || e.INTROSPECTION === 'false' ? 'off' : 'authenticated',
    limits: { maxDepth: e.MAX_QUERY_DEPTH, maxCost: e.MAX_QUERY_COST, maxAliases: e.MAX_QUERY_ALIASES },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    exposeQueryStats: e.EXPOSE_QUERY_STATS === 'true',
    splicePageJson: e.SPLICE_PAGE_JSON === 'true',
    executor: e.GRAPHQL_EXECUTOR,
    redisUrl: e.REDIS_URL,
    rateLimit: {
      enabled: (e.RATE_LIMIT ?? (e.NODE_ENV === 'test' ? 'off' : 'on')) === 'on',
      windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
      subjectRequests: e.RATE_LIMIT_SUBJECT_REQUESTS,
      subjectCost: e.RATE_LIMIT_SUBJECT_COST,
      ipRequests: e.RATE_LIMIT_IP_REQUESTS,
      ipCost: e.RATE_LIMIT_IP_COST,
      redisPrefix: e.RATE_LIMIT_REDIS_PREFIX,
    },
    trustProxy: e.TRUST_PROXY,
    telehealthBaseUrl: e.TELEHEALTH_BASE_URL?.replace(/\/+$/, ''),
    reminderWorkerIntervalMs: e.REMINDER_WORKER_INTERVAL_MS,
    holdSweepIntervalSeconds: e.HOLD_SWEEP_INTERVAL_SECONDS,
    overdueTaskSweepIntervalSeconds: e.OVERDUE_TASK_SWEEP_INTERVAL_SECONDS,
    analyticsSuppressionThreshold: e.ANALYTICS_SUPPRESSION_THRESHOLD,
    analyticsRefreshIntervalSeconds: e.ANALYTICS_REFRESH_INTERVAL_SECONDS,
    clearinghousePollIntervalSeconds: e.CLEARINGHOUSE_POLL_INTERVAL_SECONDS,
    clearinghouse: {
      mode: e.CLEARINGHOUSE_MODE,
      delivery: e.CLEARINGHOUSE_DELIVERY,
      mailboxUrl: e.CLEARINGHOUSE_MAILBOX_URL,
      url: e.CLEARINGHOUSE_URL,
      username: e.CLEARINGHOUSE_USERNAME,
      password: e.CLEARINGHOUSE_PASSWORD,
      timeoutMs: e.CLEARINGHOUSE_TIMEOUT_MS,
      retries: e.CLEARINGHOUSE_RETRIES,
      backoffMs: e.CLEARINGHOUSE_BACKOFF_MS,
      breakerThreshold: e.CLEARINGHOUSE_BREAKER_THRESHOLD,
      breakerResetMs: e.CLEARINGHOUSE_BREAKER_RESET_MS,
      senderId: e.X12_SENDER_ID,
      receiverId: e.X12_RECEIVER_ID,
      usage: e.X12_USAGE,
    },
    eligibility: { freshnessHours: e.ELIGIBILITY_FRESHNESS_HOURS, batchConcurrency: e.ELIGIBILITY_BATCH_CONCURRENCY },
  };
}
