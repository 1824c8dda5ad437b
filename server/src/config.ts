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
  PGLITE_DATA_DIR: z.string().default('./.data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().optional(),
  JWT_AUDIENCE: z.string().optional(),
  SEED_DEMO: z.enum(['auto', 'always', 'never']).default('auto'),
  PRINT_DEMO_TOKENS: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INTROSPECTION: z.enum(['true', 'false']).default('true'),
  MAX_QUERY_DEPTH: whole().min(1).default(12),
  MAX_QUERY_COST: whole().min(1).default(20000),
  MAX_QUERY_ALIASES: whole().min(0).default(30),
  SHUTDOWN_GRACE_MS: whole().min(0).default(10000),
  SHUTDOWN_DELAY_MS: whole().min(0).default(0),
  EXPOSE_QUERY_STATS: z.enum(['true', 'false']).default('false'),
  REDIS_URL: z.string().url().optional(),
  TELEHEALTH_BASE_URL: z.string().url().optional(),
  REMINDER_WORKER_INTERVAL_MS: z.coerce.number().int().min(0).default(0),
});

/** Every environment variable the server reads; each is documented in the committed .env.example. */
export const CONFIG_VARIABLES = Object.keys(schema.shape);

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl?: string;
  databasePoolSize: number;
  pgliteDataDir: string;
  jwtSecret?: string;
  jwksUrl?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  seedDemo: 'auto' | 'always' | 'never';
  printDemoTokens: boolean;
  logLevel: string;
  introspection: boolean;
  limits: { maxDepth: number; maxCost: number; maxAliases: number };
  /** How long in-flight requests may take to finish after the listener closes. */
  shutdownGraceMs: number;
  /** How long /readyz reports 503 before the listener closes, so a load balancer stops routing here. */
  shutdownDelayMs: number;
  /** Adds `extensions.stats` (SQL statement count) to responses; for tests and benchmarks. */
  exposeQueryStats: boolean;
  /** When set, subscription events go through Redis pub/sub so every server instance sees them. */
  redisUrl?: string;
  /** Base of telehealth join links (`<base>/<token>`); telehealth links are unavailable without it. */
  telehealthBaseUrl?: string;
  /** Run the built-in reminder sender (logging adapter) every this many ms; 0 = off. */
  reminderWorkerIntervalMs: number;
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
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    pgliteDataDir: e.PGLITE_DATA_DIR,
    jwtSecret: e.JWT_SECRET,
    jwksUrl: e.JWT_JWKS_URL,
    jwtIssuer: e.JWT_ISSUER,
    jwtAudience: e.JWT_AUDIENCE,
    seedDemo: e.SEED_DEMO,
    printDemoTokens: e.PRINT_DEMO_TOKENS ? e.PRINT_DEMO_TOKENS === 'true' : !e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    introspection: e.INTROSPECTION === 'true',
    limits: { maxDepth: e.MAX_QUERY_DEPTH, maxCost: e.MAX_QUERY_COST, maxAliases: e.MAX_QUERY_ALIASES },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    shutdownDelayMs: e.SHUTDOWN_DELAY_MS,
    exposeQueryStats: e.EXPOSE_QUERY_STATS === 'true',
    redisUrl: e.REDIS_URL,
    telehealthBaseUrl: e.TELEHEALTH_BASE_URL?.replace(/\/+$/, ''),
    reminderWorkerIntervalMs: e.REMINDER_WORKER_INTERVAL_MS,
  };
}
