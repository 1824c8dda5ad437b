import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { documents, documentUploadParts } from '../../../server/src/db/schema/documents.js';
import { DOCUMENT_MAX_BYTES } from '../../../server/src/modules/documents/document-media.js';
import { streamUploadParts } from '../../../server/src/modules/documents/document-upload.stream.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { insertPatient } from '../../factories/patient.factory.js';
import { createPractice } from '../../factories/practice.factory.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});

const KIB64 = 64 * 1024;
/** Clean text, 64 KiB a chunk, with a line number so the chunks differ. */
const textChunk = (i: number) => Buffer.from(`line ${String(i).padStart(8, '0')}\n`.repeat(KIB64 / 14).padEnd(KIB64, '.'));

/** A request body sent chunked (no Content-Length), as a client streaming a file does. */
function chunked(count: number, make: (i: number) => Uint8Array): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream({
    pull(controller) {
      if (i < count) controller.enqueue(make(i++));
      else controller.close();
    },
  });
}

async function office() {
  const db = server.database.db;
  const practiceId = await createPractice(db);
  const patient = await insertPatient(db, practiceId);
  return { db, practiceId, patient, desk: await server.token(practiceId, [Role.FRONT_DESK]) };
}

const post = (token: string, patientId: string, body: ReadableStream<Uint8Array>, contentType: string) =>
  fetch(server.url.replace('/graphql', `/documents?patientId=${patientId}&type=OUTSIDE_RECORD&documentDate=2026-11-02`), { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body, duplex: 'half' } as RequestInit);

describe('staff document upload streams into the database', () => {
  // Over 10 MiB through HTTP and the database: on a loaded shared machine more than the default 30 s (no timing asserted).
  it('stores a chunked upload byte for byte and leaves no parts behind; refuses one past the limit while streaming, storing nothing', { timeout: 120_000 }, async () => {
    const o = await office();
    const count = 20;
    const res = await post(o.desk, o.patient.id, chunked(count, textChunk), 'text/plain; charset=utf-8');
    expect(res.status).toBe(201);
    const doc = (await res.json()) as { id: string; sizeBytes: number; sha256: string; mediaType: string };
    const whole = Buffer.concat(Array.from({ length: count }, (_, i) => textChunk(i)));
    expect(doc).toMatchObject({ sizeBytes: whole.length, sha256: createHash('sha256').update(whole).digest('hex'), mediaType: 'text/plain' });
    const back = Buffer.from(await (await fetch(server.url.replace('/graphql', `/documents/${doc.id}/content`), { headers: { authorization: `Bearer ${o.desk}` } })).arrayBuffer());
    expect(back.equals(whole)).toBe(true);
    expect(await o.db.$count(documentUploadParts)).toBe(0);

    // No Content-Length to refuse it up front: the limit is found while streaming.
    const over = Math.ceil(DOCUMENT_MAX_BYTES / KIB64) + 1;
    const big = await post(o.desk, o.patient.id, chunked(over, textChunk), 'text/plain');
    expect(big.status).toBe(400);
    expect(((await big.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ path: 'file' }] });
    expect(await o.db.$count(documents, eq(documents.practiceId, o.practiceId))).toBe(1);
    expect(await o.db.$count(documentUploadParts, eq(documentUploadParts.practiceId, o.practiceId))).toBe(0);
  });

  it('writes each part while the body is still being read (the server never holds the whole file), and a rollback removes them', async () => {
    const o = await office();
    const uploadId = randomUUID();
    const written: number[] = [];
    const outcome = await o.db
      .transaction(async (tx) => {
        const partsSoFar = async () => (await tx.select({ n: sql<number>`count(*)::int` }).from(documentUploadParts).where(eq(documentUploadParts.uploadId, uploadId)))[0]!.n;
        async function* body() {
          for (let i = 0; i < 8; i++) {
            written.push(await partsSoFar());
            yield textChunk(i);
          }
        }
        const got = await streamUploadParts(tx, o.practiceId, uploadId, body(), 'text/plain', DOCUMENT_MAX_BYTES, KIB64);
        expect(got).toMatchObject({ mediaType: 'text/plain', sizeBytes: 8 * KIB64, parts: 8 });
        expect(await partsSoFar()).toBe(8);
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);
    expect(outcome).toBe('roll back');
    // Before the body yielded chunk i, the i chunks before it were already in the database.
    expect(written).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await o.db.$count(documentUploadParts, and(eq(documentUploadParts.uploadId, uploadId)))).toBe(0);
  });

  it('refuses a mislabelled file from its first bytes without reading the rest', async () => {
    const o = await office();
    let pulled = 0;
    async function* body() {
      pulled++;
      yield new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
      for (let i = 0; i < 50; i++) {
        pulled++;
        yield new Uint8Array(KIB64);
      }
    }
    const err = await o.db.transaction((tx) => streamUploadParts(tx, o.practiceId, randomUUID(), body(), 'application/pdf', DOCUMENT_MAX_BYTES, KIB64)).catch((e: unknown) => e);
    expect(err).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ path: 'contentType' }] } });
    expect(pulled).toBe(1);
  });
});
