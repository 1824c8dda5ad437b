import { Router } from 'express';
import type { Database } from './db/client.js';

// A pool with no free connection would hold the probe forever; a slow answer counts as "not ready".
const READY_TIMEOUT_MS = 2000;

/**
 * GET /healthz: the process is up (liveness). GET /readyz: the database answers and we are not shutting
 * down or still starting (waiting for the database, migrating); 503 otherwise, so a load balancer routes elsewhere.
 */
export function healthRouter(database: Database, isDraining: () => boolean, isStarting: () => boolean = () => false): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (isDraining()) return void res.status(503).json({ status: 'draining' });
    if (isStarting()) return void res.status(503).json({ status: 'starting' });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('ping timed out')), READY_TIMEOUT_MS);
    });
    try {
      await Promise.race([database.ping(), timeout]);
      res.json({ status: 'ready', database: database.engine });
    } catch {
      res.status(503).json({ status: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
  return router;
}
