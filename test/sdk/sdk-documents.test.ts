import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { build } from 'esbuild';
import { buildSchema, type DocumentNode, execute, Kind, type OperationDefinitionNode, parse, print, validate } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as documents from '@medoffice/sdk/documents';
import { PatientDocument } from '@medoffice/sdk/operations/patient';
import { PayersDocument } from '@medoffice/sdk/operations/payers';
import { RegisterPatientDocument } from '@medoffice/sdk/operations/registerPatient';
import { Role } from '../../server/src/graphql/roles.js';
import { operationSourceOf } from '../../sdk/src/document.js';
import { createPractice } from '../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// The published operations as TypedDocumentNodes: what frontend teams hand to Apollo Client or urql.
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const schema = buildSchema(readFileSync(join(root, 'schema/schema.graphql'), 'utf8'));
const operationFiles = readdirSync(join(root, 'schema/operations'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.graphql'));
const published = operationFiles.flatMap((f) =>
  parse(readFileSync(join(root, 'schema/operations', f), 'utf8')).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION),
);
const exported = Object.entries(documents) as [string, DocumentNode][];

describe('the exported documents', () => {
  it('are one per operation in schema/operations, named <Operation>Document', () => {
    const names = published.map((op) => op.name!.value);
    expect(names.length).toBeGreaterThan(50);
    expect(exported.map(([name]) => name).sort()).toEqual(names.map((n) => `${n.charAt(0).toUpperCase()}${n.slice(1)}Document`).sort());
  });

  it('are valid against the published schema, each one operation with the fragments it spreads', () => {
    for (const [name, doc] of exported) {
      expect(doc.kind, name).toBe(Kind.DOCUMENT);
      expect(validate(schema, doc), name).toEqual([]);
      const operations = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
      expect(operations, name).toHaveLength(1);
      const op = operations[0] as OperationDefinitionNode;
      // The metadata the SDK's transport sends without parsing agrees with the parsed document.
      expect(operationSourceOf(doc), name).toMatchObject({ operationName: op.name?.value, operation: op.operation });
      expect(doc.loc?.source.body).toBe(operationSourceOf(doc)!.query);
      const original = published.find((p) => p.name?.value === op.name?.value)!;
      expect(print({ ...op, description: undefined }), name).toBe(print({ ...original, description: undefined }));
    }
  });

  it('parse their text once, on first access', () => {
    const doc = documents.ValidateCodesDocument;
    expect(Object.getOwnPropertyDescriptor(doc, 'definitions')?.get).toBeTypeOf('function');
    expect(doc.definitions).toBe(doc.definitions);
    // Copies made the way graphql's visit copies a node stay complete.
    const copy = Object.defineProperties({}, Object.getOwnPropertyDescriptors(doc)) as DocumentNode;
    expect(print(copy)).toBe(print(doc));
  });

  it("run with graphql's execute", async () => {
    const payer = { id: 'p1', name: 'Acme Health', ediPayerId: 'ACME1', type: 'COMMERCIAL', eligibilityRoute: 'SIMULATOR', claimsRoute: 'SIMULATOR', phone: null, active: true, version: 1, telehealthModifier95: false, timelyFilingDays: 365, appealDays: 180, priorAuthorizationRequired: false };
    const result = await execute({ schema, document: PayersDocument, rootValue: { payers: () => [payer] }, variableValues: { activeOnly: true } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.payers).toEqual([expect.objectContaining({ id: 'p1', name: 'Acme Health', ediPayerId: 'ACME1', active: true })]);
  });
});

describe('the exported documents with Apollo Client and urql (against the server)', () => {
  let server: TestServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer();
    token = await server.token(await createPractice(server.database.db), [Role.FRONT_DESK]);
  });

  it('Apollo Client 4 runs a mutation and a query typed by the documents', async () => {
    const apollo = new ApolloClient({ link: new HttpLink({ uri: server.url, headers: { authorization: `Bearer ${token}` } }), cache: new InMemoryCache() });
    const input = { legalName: { given: 'Apollo', family: 'Clientfamily' }, dateOfBirth: '1991-03-04', sexAtBirth: 'MALE' as const };
    const registered = await apollo.mutate({ mutation: RegisterPatientDocument, variables: { input } });
    const id = registered.data!.registerPatient.patient!.id;
    const { data } = await apollo.query({ query: PatientDocument, variables: { id } });
    expect(data?.patient.legalName.family).toBe('Clientfamily');
    expect(data?.patient.dateOfBirth).toBe('1991-03-04');
  });

  it('urql runs a query typed by the documents', async () => {
    const urql = new UrqlClient({ url: server.url, exchanges: [fetchExchange], fetchOptions: { headers: { authorization: `Bearer ${token}` } }, preferGetMethod: false });
    const result = await urql.query(PayersDocument, { activeOnly: false }).toPromise();
    expect(result.error).toBeUndefined();
    expect(Array.isArray(result.data?.payers)).toBe(true);
  });
});

/** Minified browser bundle of `code` importing the SDK from its sources, and the files that contributed to it. */
async function bundle(code: string, external: string[] = []) {
  const out = await build({
    stdin: { contents: code, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    conditions: ['source'],
    external,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.values(out.metafile.outputs)[0]!.inputs;
  const used = Object.entries(inputs).filter(([, input]) => input.bytesInOutput > 0);
  return { size: out.outputFiles[0]!.contents.length, inputs: used.map(([f]) => f.replace(/.*node_modules\//, '')) };
}

describe('bundle size (esbuild, minified)', () => {
  it('one document costs under 1.5 KB beside an app that has graphql, and pulls in only its parser otherwise', async () => {
    const code = "import { PatientDocument } from '@medoffice/sdk/operations/patient'; console.log(PatientDocument);";
    const withAppGraphql = await bundle(code, ['graphql']);
    expect(withAppGraphql.size).toBeLessThan(1500);
    const alone = await bundle(code);
    expect(alone.size).toBeLessThan(45_000);
    expect(alone.inputs.filter((f) => f.startsWith('graphql/')).every((f) => /^graphql\/(language|error|jsutils)\//.test(f))).toBe(true);
    expect(alone.inputs.some((f) => /printer|execution|validation|utilities/.test(f))).toBe(false);
  });

  it('the documents barrel tree-shakes to the documents used', async () => {
    const one = await bundle("import { PatientDocument } from '@medoffice/sdk/documents'; console.log(PatientDocument);", ['graphql']);
    expect(one.size).toBeLessThan(1500);
    expect(one.inputs.filter((f) => f.includes('generated/operations/'))).toEqual(['sdk/src/generated/operations/patient.ts']);
  });

  it('a client making one call carries no AST literals and no graphql printer', async () => {
    const client = await bundle("import { createClient } from '@medoffice/sdk'; createClient({ url: '/graphql', token: 't' }).patient({ id: '1' }).then(console.log);");
    // The generic client carries every operation's text (it cannot know which will be called): about 40 KB of
    // code and graphql's parser plus well under 1 KB of text per operation (269 KB in all when every operation
    // was an inlined AST literal), so the ceiling grows with the published operations.
    const operations = readdirSync(join(root, 'sdk/src/generated/operations')).length;
    expect(client.size).toBeLessThan(40_000 + 700 * operations);
    expect(client.inputs.some((f) => f.includes('graphql/language/printer'))).toBe(false);
  });
});
