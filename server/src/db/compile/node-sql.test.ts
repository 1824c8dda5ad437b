import { describe, expect, it } from 'vitest';
import { cachedShapes, compiledNode, compileNode, pageRowSql, pageRows } from './node-sql.js';
import { column, elements, expr, many, one, sqlType, sqlTypes } from './sql-type.js';
import { argumentAt, shapeKey, type TreeField, type TreeSelection } from './tree-selection.js';

const types = sqlTypes(
  [
    sqlType({ type: 'Order', table: 'orders', carries: ['id', 'customerId'], fields: { id: column('id'), customerId: column('customer_id'), total: expr((r) => `${r}.total_cents`), customer: one((o, c) => `${c}.id = ${o}.customer_id`) } }),
    sqlType({ type: 'Customer', table: 'customers', carries: ['id'], fields: { id: column('id'), name: column('name') } }),
    sqlType({ type: 'Line', table: 'lines', carries: [], fields: { code: column('code') } }),
  ],
  [{ type: 'Order', fields: { lines: many((o, l, arg) => `${l}.order_id = ${o}.id${arg('code') ? ` and ${l}.code = ${arg('code')}` : ''}`, (l) => `${l}.position`) } }],
);

const f = (name: string, over: Partial<TreeField> = {}): TreeField => ({ name, resolved: false, args: {}, ambiguous: false, below: null, ...over });
const sel = (type: string, fields: TreeField[]): TreeSelection => ({ type, fields });
const text = (s: TreeSelection) => compileNode(types, s)!.parts.map((p) => (typeof p === 'string' ? p : `$[${p.arg.join('.')}]`)).join('');

describe('selection compiler', () => {
  it('reads only the selected fields (and the carried ids), nested objects and lists as correlated subqueries', () => {
    const s = sel('Order', [f('total'), f('customer', { below: sel('Customer', [f('name')]) }), f('lines', { below: sel('Line', [f('code')]) })]);
    expect(text(s)).toBe(
      "json_build_object('total', t0.total_cents, " +
        "'customer', (select json_build_object('name', t1.name, 'id', t1.id) from customers t1 where t1.id = t0.customer_id), " +
        "'lines', (select coalesce(json_agg(json_build_object('code', t2.code) order by t2.position), '[]'::json) from lines t2 where t2.order_id = t0.id), " +
        "'id', t0.id, 'customerId', t0.customer_id)",
    );
  });

  it('binds arguments as parameters found by path, and leaves out conditions on null arguments', () => {
    const withCode = sel('Order', [f('lines', { args: { code: 'A1' }, below: sel('Line', [f('code')]) })]);
    expect(text(withCode)).toContain("t1.order_id = t0.id and t1.code = $[lines.code]");
    expect(argumentAt(withCode, ['lines', 'code'])).toBe('A1');
    const without = sel('Order', [f('lines', { args: { code: null }, below: sel('Line', [f('code')]) })]);
    expect(text(without)).not.toContain('$[');
    expect(shapeKey(withCode)).not.toBe(shapeKey(without));
  });

  it('leaves undeclared fields with a resolver, and relations selected with different arguments, to their resolvers', () => {
    const s = sel('Order', [f('invoice', { resolved: true }), f('lines', { resolved: true, ambiguous: true, below: sel('Line', [f('code')]) }), f('total')]);
    expect(text(s)).toBe("json_build_object('total', t0.total_cents, 'id', t0.id, 'customerId', t0.customer_id)");
  });

  it('carries the ids only resolvers read just when a resolver of the object will run', () => {
    const local = sqlTypes([
      sqlType({
        type: 'Visit',
        table: 'visits',
        carries: ['id'],
        carriesForResolvers: ['doctorId'],
        fields: { id: column('id'), doctorId: column('doctor_id'), note: column('note'), doctor: one((v, d) => `${d}.id = ${v}.doctor_id`), clinic: expr((v) => `${v}.clinic`) },
      }),
      sqlType({ type: 'Doctor', table: 'doctors', carries: ['id'], fields: { id: column('id'), name: column('name') } }),
    ]);
    const visitText = (fields: TreeField[]) => (compileNode(local, sel('Visit', fields))!.parts as string[]).join('');
    const doctor = (over: Partial<TreeField> = {}) => f('doctor', { resolved: true, below: sel('Doctor', [f('name')]), ...over });
    // Every field served from SQL and the relation's resolver returns the tree's value: no resolver reads doctorId.
    expect(visitText([f('note'), doctor({ treeServed: true })])).not.toContain('doctorId');
    // A field left to its resolver (here one the compiler cannot read) may read it: carried.
    expect(visitText([f('note'), f('room', { resolved: true })])).toContain("'doctorId', t0.doctor_id");
    // A compiled relation whose resolver still runs its own code: carried too.
    expect(visitText([doctor()])).toContain("'doctorId', t0.doctor_id");
    // A value field with a resolver method of its own (the resolver runs on the tree): carried.
    expect(visitText([f('clinic', { resolved: true })])).toContain("'doctorId', t0.doctor_id");
    // The always-carried id is there in every case, and the two shapes are cached apart.
    expect(visitText([f('note')])).toBe("json_build_object('note', t0.note, 'id', t0.id)");
    expect(shapeKey(sel('Visit', [doctor({ treeServed: true })]))).not.toBe(shapeKey(sel('Visit', [doctor()])));
    expect(() => sqlType({ type: 'Bad', table: 'bad', carries: [], carriesForResolvers: ['nope'], fields: {} })).toThrow(/carried but is not a value field/);
  });

  it('gives up on an object when a selected field has neither a declaration nor a resolver', () => {
    expect(compileNode(types, sel('Order', [f('total'), f('secret')]))).toBeNull();
    // A nested object it cannot read is left to the relation's resolver when there is one…
    const nested = sel('Order', [f('customer', { resolved: true, below: sel('Customer', [f('email')]) })]);
    expect(text(nested)).toBe("json_build_object('id', t0.id, 'customerId', t0.customer_id)");
    // …and fails the parent when there is none.
    expect(compileNode(types, sel('Order', [f('customer', { below: sel('Customer', [f('email')]) })]))).toBeNull();
    expect(compileNode(types, sel('Unknown', []))).toBeNull();
  });

  it('builds objects wider than 50 fields by merging json_build_object chunks', () => {
    const wide = sqlTypes([sqlType({ type: 'Wide', table: 'wide', carries: [], fields: Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`c${i}`, column(`c${i}`)])) })]);
    const s = sel('Wide', Array.from({ length: 60 }, (_, i) => f(`c${i}`)));
    const built = compileNode(wide, s)!.parts.join('');
    expect(built.startsWith('(json_build_object(')).toBe(true);
    expect(built.match(/json_build_object\(/g)).toHaveLength(2);
    expect(built).toContain('::jsonb || json_build_object(');
  });

  it('compiles each shape once: equal shapes share the cached statement, argument values do not make new shapes', () => {
    const local = sqlTypes([sqlType({ type: 'Customer', table: 'customers', carries: ['id'], fields: { id: column('id'), name: column('name') } })]);
    const a = compiledNode(local, sel('Customer', [f('name')]));
    expect(compiledNode(local, sel('Customer', [f('name')]))).toBe(a);
    expect(cachedShapes(local)).toBe(1);
    compiledNode(local, sel('Customer', [f('id')]));
    expect(cachedShapes(local)).toBe(2);
    const lines = sel('Order', [f('lines', { args: { code: 'A' }, below: sel('Line', [f('code')]) })]);
    const before = cachedShapes(types);
    const first = compiledNode(types, lines);
    expect(compiledNode(types, { ...lines, fields: [f('lines', { args: { code: 'B' }, below: sel('Line', [f('code')]) })] })).toBe(first);
    expect(cachedShapes(types)).toBe(before + 1);
  });

  it('reads lists held by the parent row (jsonb elements) and the first row of an ordered relation', () => {
    const held = sqlTypes(
      [
        sqlType({ type: 'Doc', table: 'docs', carries: ['id'], fields: { id: column('id'), items: elements((d, i) => `jsonb_array_elements(${d}.body->'items') with ordinality ${i}(v, o)`, (i) => `${i}.o`), last: one((d, e) => `${e}.doc_id = ${d}.id`, (e) => `${e}.seq desc`) } }),
        sqlType({ type: 'Item', carries: [], fields: { code: expr((i) => `${i}.v->>'code'`) } }),
        sqlType({ type: 'Event', table: 'events', carries: [], fields: { seq: column('seq') } }),
      ],
      [{ type: 'Event', fields: { items: many((e, i) => `${i}.event_id = ${e}.id`, (i) => `${i}.o`) } }],
    );
    const s = sel('Doc', [f('items', { below: sel('Item', [f('code')]) }), f('last', { below: sel('Event', [f('seq')]) })]);
    expect(compileNode(held, s)!.parts.join('')).toBe(
      "json_build_object('items', (select coalesce(json_agg(json_build_object('code', t1.v->>'code') order by t1.o), '[]'::json) from jsonb_array_elements(t0.body->'items') with ordinality t1(v, o) where true), " +
        "'last', (select json_build_object('seq', t2.seq) from events t2 where t2.doc_id = t0.id order by t2.seq desc limit 1), 'id', t0.id)",
    );
    // A table-less type reached by a relation that does not say where its rows come from is a declaration error.
    expect(() => compileNode(held, sel('Event', [f('items', { below: sel('Item', [f('code')]) })]))).toThrow(/no table/);
  });

  it('writes a page row without the keys its root object already holds as columns, and reads the keys back', () => {
    // Order: id selected, customer_id carried, total an expression (not the column as it is).
    const node = compileNode(types, sel('Order', [f('id'), f('total')]))!;
    expect(node.columns).toEqual({ id: 'id', customer_id: 'customerId' });
    const whole = pageRowSql(node, ['customer_id', 'id']);
    expect(whole).toEqual({ open: '', close: '', fromNode: ['customerId', 'id'] });
    expect(pageRows([{ id: 'o1', total: 5, customerId: 'c1' }], whole)).toEqual([[['c1', 'o1'], { id: 'o1', total: 5, customerId: 'c1' }]]);
    // A key the object does not hold as a column is written before the node, in key order.
    const part = pageRowSql(node, ['total_cents', 'id', 'placed_at']);
    expect(part.open).toBe('json_build_array(json_build_array(t0.total_cents, t0.placed_at), ');
    expect(part.close).toBe(')');
    expect(pageRows([[[5, '2026-01-01'], { id: 'o1' }]], part)).toEqual([[[5, 'o1', '2026-01-01'], { id: 'o1' }]]);
    // Columns of nested objects are not the root's.
    expect(compileNode(types, sel('Order', [f('customer', { below: sel('Customer', [f('name')]) })]))!.columns).toEqual({ id: 'id', customer_id: 'customerId' });
    expect(compileNode(types, sel('Customer', [f('name')]))!.columns).toEqual({ name: 'name', id: 'id' });
  });

  it('refuses declarations that could inject text: table and column names are plain identifiers', () => {
    expect(() => column('name; drop table x')).toThrow();
    expect(() => sqlType({ type: 'X', table: 'x y', carries: [], fields: {} })).toThrow();
    expect(() => sqlTypes([], [{ type: 'Nope', fields: {} }])).toThrow();
  });
});
