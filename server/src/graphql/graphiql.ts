import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';
import { graphiqlHtml, graphiqlStartScript } from './graphiql-page.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/**
 * Browser builds shipped inside installed packages. graphiql 4.1 is the last line with a UMD bundle and
 * React 18.3 the last with UMD builds, so no bundler and no CDN are needed: the page works offline.
 */
function assetFiles(): Map<string, string> {
  const graphiql = packageDir('graphiql');
  // The explorer plugin's UMD build reads React and GraphiQL.React/GraphiQL.GraphQL from the globals above.
  const explorer = packageDir('@graphiql/plugin-explorer');
  return new Map([
    ['react.js', join(packageDir('react'), 'umd/react.production.min.js')],
    ['react-dom.js', join(packageDir('react-dom'), 'umd/react-dom.production.min.js')],
    ['graphiql.js', join(graphiql, 'dist/index.umd.js')],
    ['graphiql.css', join(graphiql, 'dist/style.css')],
    ['explorer.js', join(explorer, 'dist/index.umd.js')],
    ['explorer.css', join(explorer, 'dist/style.css')],
  ]);
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // GraphiQL sets style attributes at runtime.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * GET /graphql for browsers (GraphiQL) and GET /graphiql/<asset> for its files. GET /graphql from
 * non-browser clients, or with a `query` parameter, falls through to Apollo.
 */
export function graphiqlRouter(endpoint = '/graphql', assetBase = '/graphiql'): Router {
  const files = assetFiles();
  const html = graphiqlHtml(assetBase);
  const start = graphiqlStartScript(endpoint);
  const router = Router();
  router.get(endpoint, (req, res, next) => {
    if (req.query.query || req.accepts(['json', 'html']) !== 'html') return next();
    res.set({ 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
    res.type('html').send(html);
  });
  router.get(`${assetBase}/start.js`, (_req, res) => {
    res.set({ 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' });
    res.type('js').send(start);
  });
  router.get(`${assetBase}/:file`, (req, res, next) => {
    const file = files.get(req.params.file);
    if (!file) return next();
    res.sendFile(file, { dotfiles: 'allow', maxAge: '1d', headers: { 'x-content-type-options': 'nosniff' } });
  });
  return router;
}
