import { readFileSync } from 'node:fs';

/**
 * `node --max-old-space-size=4000 --import tsx bench/heap-by-package.ts <file.heapsnapshot> [top]`: what a
 * V8 heap snapshot retains, by package. Builds the dominator tree (edges except weak ones) and gives each
 * object to the nearest dominator that belongs to a script: a script itself (its source text), a function
 * or its shared info (bytecode, scope info), a closure context (module-level bindings), an ES module
 * record. So "pdf-lib 3.1 MiB" is what would go if pdf-lib were never loaded; objects reachable from two
 * packages go to the runtime ("(runtime) …", by the kind of their top dominator). Take a snapshot with
 * `node --heapsnapshot-signal=SIGUSR2 …` then `kill -USR2 <pid>`.
 */
const file = process.argv[2];
if (!file) throw new Error('usage: heap-by-package.ts <file.heapsnapshot> [top]');
const top = Number(process.argv[3] ?? 40);
const snap = JSON.parse(readFileSync(file, 'utf8')) as {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
};
const { meta } = snap.snapshot;
const NF = meta.node_fields.length;
const EF = meta.edge_fields.length;
const { nodes, edges, strings } = snap;
const nodeTypes = meta.node_types[0];
const edgeTypes = meta.edge_types[0];
const N = nodes.length / NF;
const firstEdge = new Uint32Array(N + 1);
for (let i = 0, e = 0; i < N; i++) {
  firstEdge[i] = e;
  e += nodes[i * NF + 4]! * EF;
  firstEdge[i + 1] = e;
}
const type = (i: number) => nodeTypes[nodes[i * NF]!]!;
const name = (i: number) => strings[nodes[i * NF + 1]!]!;
const selfSize = (i: number) => nodes[i * NF + 3]!;
const WEAK = edgeTypes.indexOf('weak');
const NAMED = new Set(['context', 'property', 'internal', 'shortcut'].map((t) => edgeTypes.indexOf(t)));
const edgeName = (j: number) => (NAMED.has(edges[j]!) ? strings[edges[j + 1]!] : undefined);
const target = (j: number) => edges[j + 2]! / NF;

function* children(i: number): Generator<number> {
  for (let j = firstEdge[i]!; j < firstEdge[i + 1]!; j += EF) if (edges[j] !== WEAK) yield target(j);
}

// Depth-first post order from the root (node 0), then Cooper–Harvey–Kennedy iterative dominators.
const post = new Int32Array(N).fill(-1);
const order: number[] = [];
{
  const stack: number[] = [0];
  const iter = new Uint32Array(N);
  const seen = new Uint8Array(N);
  seen[0] = 1;
  for (let i = 0; i < N; i++) iter[i] = firstEdge[i]!;
  while (stack.length) {
    const v = stack[stack.length - 1]!;
    let pushed = false;
    while (iter[v]! < firstEdge[v + 1]!) {
      const j = iter[v]!;
      iter[v] = j + EF;
      if (edges[j] === WEAK) continue;
      const w = target(j);
      if (!seen[w]) {
        seen[w] = 1;
        stack.push(w);
        pushed = true;
        break;
      }
    }
    if (!pushed) {
      post[v] = order.length;
      order.push(v);
      stack.pop();
    }
  }
}
const preds: number[][] = Array.from({ length: N }, () => []);
for (let i = 0; i < N; i++) if (post[i]! >= 0) for (const w of children(i)) if (post[w]! >= 0) preds[w]!.push(i);
const idom = new Int32Array(N).fill(-1);
idom[0] = 0;
for (let changed = true; changed; ) {
  changed = false;
  for (let k = order.length - 2; k >= 0; k--) {
    const v = order[k]!;
    let d = -1;
    for (const p of preds[v]!) {
      if (idom[p] === -1) continue;
      if (d === -1) d = p;
      else {
        let a = p;
        let b = d;
        while (a !== b) {
          while (post[a]! < post[b]!) a = idom[a]!;
          while (post[b]! < post[a]!) b = idom[b]!;
        }
        d = a;
      }
    }
    if (d !== -1 && idom[v] !== d) {
      idom[v] = d;
      changed = true;
    }
  }
}

/** The package (or server folder) a script URL or path belongs to. */
function packageOf(url: string): string {
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 14).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const srv = /\/server\/(?:src|dist)\/([^/]+)(?:\/([^/]+))?/.exec(url);
  if (srv) return srv[1] === 'modules' && srv[2] ? `server:modules/${srv[2]}` : `server:${srv[1]}`;
  if (url.startsWith('node:')) return 'node (built-in modules)';
  return url.length > 0 ? `other: ${url.slice(0, 60)}` : '';
}
const scriptUrl = new Map<number, string>();
for (let i = 0; i < N; i++) {
  if (type(i) !== 'code') continue;
  for (let j = firstEdge[i]!; j < firstEdge[i + 1]!; j += EF) if (edgeName(j) === 'source') scriptUrl.set(i, name(i));
}
/** Each node that belongs to a script, with its package. */
const owner = new Map<number, string>();
for (const [i, url] of scriptUrl) owner.set(i, packageOf(url));
const edgeTo = (i: number, edge: string) => {
  for (let j = firstEdge[i]!; j < firstEdge[i + 1]!; j += EF) if (edgeName(j) === edge) return target(j);
  return -1;
};
for (let i = 0; i < N; i++) {
  const t = type(i);
  if (t === 'code') {
    const sc = edgeTo(i, 'script_or_debug_info');
    if (sc >= 0 && scriptUrl.has(sc)) owner.set(i, owner.get(sc)!);
  } else if (t === 'object' && name(i) === 'ModuleWrap') {
    const url = edgeTo(i, 'url');
    if (url >= 0) owner.set(i, packageOf(name(url)));
  }
}
for (let i = 0; i < N; i++) {
  if (type(i) !== 'closure') continue;
  const pkg = owner.get(edgeTo(i, 'shared'));
  if (!pkg) continue;
  owner.set(i, pkg);
  const ctx = edgeTo(i, 'context');
  if (ctx >= 0 && name(ctx) === 'system / Context' && !owner.has(ctx)) owner.set(ctx, pkg);
}

// Walk the dominator tree from the root: a node keeps its own package, else its dominator's.
const domChildren: number[][] = Array.from({ length: N }, () => []);
for (let i = 1; i < N; i++) if (idom[i]! >= 0 && idom[i] !== i) domChildren[idom[i]!]!.push(i);
const totals = new Map<string, number>();
const add = (k: string, v: number) => totals.set(k, (totals.get(k) ?? 0) + v);
const walk: Array<[number, string]> = domChildren[0]!.map((c) => [c, '']);
let all = 0;
while (walk.length) {
  const [v, inherited] = walk.pop()!;
  const mine = owner.get(v) || inherited;
  const key = mine || `(runtime) ${type(v)} ${type(v) === 'string' ? '' : name(v).slice(0, 40)}`;
  add(key, selfSize(v));
  all += selfSize(v);
  for (const c of domChildren[v]!) walk.push([c, key]);
}
const mib = (b: number) => (b / 1048576).toFixed(2);
process.stdout.write(`${file}: ${mib(all)} MiB reachable, ${N} nodes\n`);
for (const [k, v] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${mib(v).padStart(7)} MiB  ${k}\n`);
