import { ANALYTICS_EXAMPLES } from '../modules/analytics/analytics.examples.js';

/**
 * The GraphiQL page and its start-up script. The script is served from our own origin (not inline) so
 * the page can run under a strict Content-Security-Policy.
 */

const DEFAULT_QUERY = `# Paste your access token above (kept in this tab only),
# then press run. The Docs panel lists every operation.
query FirstPatients {
  patients(first: 5) {
    edges { node { id mrn } }
  }
}
`;

/** The tabs the playground opens with: the first steps, then the main analytics metrics. */
export function defaultTabs(): { query: string; variables?: string }[] {
  return [{ query: DEFAULT_QUERY }, ...ANALYTICS_EXAMPLES.map((e) => ({ query: e.query, variables: JSON.stringify(e.variables, null, 2) }))];
}

export function graphiqlHtml(assetBase: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>medoffice GraphiQL</title>
<link rel="stylesheet" href="${assetBase}/graphiql.css">
<link rel="stylesheet" href="${assetBase}/explorer.css">
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }
  #token-bar { display: flex; gap: 8px; align-items: center; padding: 6px 12px; border-bottom: 1px solid #ddd; font-size: 14px; }
  #token-bar input { flex: 1; font-family: monospace; padding: 4px 6px; }
  #token-state { color: #666; min-width: 9em; }
  #graphiql { flex: 1; min-height: 0; }
</style>
</head>
<body>
<form id="token-bar" autocomplete="off">
  <label for="token">Bearer token</label>
  <input id="token" name="token" type="password" placeholder="paste your access token (sent as Authorization: Bearer …)" spellcheck="false">
  <button type="button" id="token-clear">Clear</button>
  <span id="token-state" aria-live="polite"></span>
</form>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${assetBase}/react.js"></script>
<script src="${assetBase}/react-dom.js"></script>
<script src="${assetBase}/graphiql.js"></script>
<script src="${assetBase}/explorer.js"></script>
<script src="${assetBase}/start.js"></script>
</body>
</html>
`;
}

/** Browser code: wires the token field into every request unless the headers editor sets its own. */
export function graphiqlStartScript(endpoint: string): string {
  return `(function () {
  'use strict';
  var KEY = 'medoffice.graphiql.token';
  var input = document.getElementById('token');
  var state = document.getElementById('token-state');
  var token = function () { return input.value.trim().replace(/^Bearer\\s+/i, ''); };
  var show = function () { state.textContent = token() ? 'token set' : 'no token'; };
  input.value = sessionStorage.getItem(KEY) || '';
  show();
  input.addEventListener('input', function () { sessionStorage.setItem(KEY, token()); show(); });
  document.getElementById('token-clear').addEventListener('click', function () {
    input.value = ''; sessionStorage.removeItem(KEY); show();
  });
  document.getElementById('token-bar').addEventListener('submit', function (e) { e.preventDefault(); });

  var withToken = function (url, init) {
    var headers = new Headers((init && init.headers) || {});
    if (token() && !headers.has('authorization')) headers.set('authorization', 'Bearer ' + token());
    return fetch(url, Object.assign({}, init, { headers: headers }));
  };
  var fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(endpoint)}, fetch: withToken });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: ${JSON.stringify(defaultTabs())},
      plugins: [GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false })],
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false
    })
  );
})();
`;
}
