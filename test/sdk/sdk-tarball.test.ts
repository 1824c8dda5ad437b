import { build } from 'esbuild';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/graphql/roles.js';
import { insertPatient } from '../factories/patient.factory.js';
import { createPractice } from '../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

// The SDK as integrators meet it: the packed tarball installed with npm into a project outside the
// workspace, a strict TypeScript consumer compiled against its published types, and ESM and CommonJS
// programs run against a server.
const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(join(root, 'package.json'));
const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');
const run = (cmd: string, args: string[], cwd: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });

let server: TestServer;
let scratch: string;

beforeAll(async () => {
  server = await startTestServer();
  scratch = mkdtempSync(join(tmpdir(), 'medoffice-sdk-consumer-'));
  run('pnpm', ['--filter', '@medoffice/sdk', 'build'], root);
  run('pnpm', ['pack', '--pack-destination', scratch], join(root, 'sdk'));
  const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'))!;
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { '@medoffice/sdk': `file:./${tarball}`, graphql: '^16.8.0' } }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], scratch);
}, 240_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the packed SDK in a project of its own', () => {
  it('ships only built files, with graphql as a peer and no source condition', () => {
    const pkg = JSON.parse(readFileSync(join(scratch, 'node_modules/@medoffice/sdk/package.json'), 'utf8'));
    expect(pkg.peerDependencies).toEqual({ graphql: '^16.8.0' });
    expect(pkg.dependencies.graphql).toBeUndefined();
    expect(JSON.stringify(pkg.exports)).not.toContain('source');
    expect(pkg).toMatchObject({ sideEffects: false, engines: { node: '>=20.19' }, type: 'module' });
    expect(readdirSync(join(scratch, 'node_modules/@medoffice/sdk'))).not.toContain('src');
  });

  it('compiles a strict TypeScript consumer and runs it from ESM and CommonJS', async () => {
    const practiceId = await createPractice(server.database.db);
    await insertPatient(server.database.db, practiceId);
    const token = await server.token(practiceId, [Role.FRONT_DESK]);
    writeFileSync(
      join(scratch, 'consumer.ts'),
      `import { createClient, isMedofficeError, type PatientsQueryVariables, type TypedDocumentNode } from '@medoffice/sdk';
import { PatientsDocument, type PatientsQuery } from '@medoffice/sdk/documents';
import { PatientDocument } from '@medoffice/sdk/operations/patient';
import { print } from 'graphql';
declare const process: { env: Record<string, string | undefined> }; // no @types/node: the SDK must not need it
const client = createClient({ url: process.env.URL!, token: process.env.TOKEN! });
const vars: PatientsQueryVariables = { first: 5 };
const page = await client.patients(vars);
let count = 0;
for await (const p of client.paginate.patients({ first: 1 })) count += p.mrn.length > 0 ? 1 : 0;
try {
  await client.patient({ id: '00000000-0000-4000-8000-000000000000' });
} catch (err) {
  if (!isMedofficeError(err)) throw err;
  // The documents as a frontend's GraphQL client uses them: typed, printed, posted.
  const typed: TypedDocumentNode<PatientsQuery, PatientsQueryVariables> = PatientsDocument;
  const res = await fetch(process.env.URL!, { method: 'POST', headers: { 'content-type': 'application/json', authorization: \`Bearer \${process.env.TOKEN}\` }, body: JSON.stringify({ query: print(typed), variables: vars }) });
  const viaDocument = (await res.json()) as { data: PatientsQuery };
  console.log(JSON.stringify({ total: page.patients.totalCount, count, code: err.code, documentTotal: viaDocument.data.patients.totalCount, patientOperation: PatientDocument.definitions[0]?.kind }));
}
`,
    );
    writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: false, types: [], lib: ['ES2023', 'DOM'] }, files: ['consumer.ts'] }));
    try {
      run(process.execPath, [tsc, '-p', '.'], scratch);
    } catch (err) {
      throw new Error(`the consumer does not compile:\n${(err as { stdout?: string }).stdout ?? ''}`);
    }
    const env = { ...process.env, URL: server.url, TOKEN: token };
    // Asynchronously: the server answering it runs in this process.
    const { stdout: esm } = await promisify(execFile)(process.execPath, ['consumer.js'], { cwd: scratch, env, encoding: 'utf8' });
    expect(JSON.parse(esm)).toEqual({ total: 1, count: 1, code: 'NOT_FOUND', documentTotal: 1, patientOperation: 'OperationDefinition' });
    writeFileSync(
      join(scratch, 'consumer.cjs'),
      "const sdk = require('@medoffice/sdk'); const { PatientDocument } = require('@medoffice/sdk/operations/patient'); const docs = require('@medoffice/sdk/documents'); console.log(typeof sdk.createClient, typeof sdk.isMedofficeError, PatientDocument.kind, docs.PatientDocument === PatientDocument);",
    );
    expect(execFileSync(process.execPath, ['consumer.cjs'], { cwd: scratch, encoding: 'utf8' }).trim()).toBe('function function Document true');
  }, 120_000);

  it('bundles one operation document into under 1.5 KB beside the graphql an app already has', async () => {
    const out = await build({
      stdin: { contents: "import { PatientDocument } from '@medoffice/sdk/operations/patient'; console.log(PatientDocument);", resolveDir: scratch },
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      external: ['graphql'],
      logLevel: 'silent',
    });
    expect(out.outputFiles[0]!.contents.length).toBeLessThan(1500);
  });
});
