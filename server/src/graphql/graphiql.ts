import type { RequestHandler } from 'express';

/** GET /graphql: the GraphiQL playground for browsers; other GET clients fall through to Apollo. */
export function graphiqlHandler(): RequestHandler {
  return (req, res, next) => {
    if (!req.accepts('html') || req.query.query) return next();
    res.type('html').send('<!doctype html><title>medoffice</title><p>GraphiQL is being wired up.</p>');
  };
}
