import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { badInput } from '../../graphql/errors.js';
import { type DocumentMediaType, detectMediaType } from './document-media.js';
import { insertUploadPart } from './document.repo.js';

/** How many bytes an upload part holds: what the server keeps of a body at any moment. */
export const UPLOAD_PART_BYTES = 256 * 1024;

/** The leading bytes that decide a binary media type (the longest signature is PNG's 8). */
const HEAD = 8;

const tooLarge = (max: number) => badInput([{ path: 'file', message: `is larger than the limit of ${max} bytes` }]);
const notAccepted = () => badInput([{ path: 'file', message: 'is not a PDF, PNG, JPEG, TIFF or plain UTF-8 text file' }]);
const mislabelled = (declared: string | null, actual: string) => badInput([{ path: 'contentType', message: `declares ${declared ?? 'nothing'} but the content is ${actual}` }]);

/** Checks text as it streams: valid UTF-8 with no control characters but tab, line feed, form feed and carriage return. */
class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  ok = true;
  push(bytes: Uint8Array, last = false): void {
    if (!this.ok) return;
    try {
      const text = this.decoder.decode(bytes, { stream: !last });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find control characters
      if (/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text)) this.ok = false;
    } catch {
      this.ok = false;
    }
  }
}

/** What a streamed upload turned out to be. */
export interface StreamedUpload {
  mediaType: DocumentMediaType;
  sizeBytes: number;
  sha256: string;
  parts: number;
}

/**
 * Streams an upload's body into `document_upload_parts` (on the caller's transaction) part by part, never
 * holding more than about one part: the size limit is enforced while reading, the SHA-256 computed on the
 * way, and the media type decided from the leading bytes (a binary signature, refused at once when the
 * declared type differs) or, without one, from the whole content being clean UTF-8 text. A refusal throws
 * and the caller's rollback removes the parts written so far.
 * @param declared - the bare declared media type (Content-Type without parameters)
 * @throws BAD_USER_INPUT (file: empty, too large, not an accepted kind; contentType: not what the content is)
 */
export async function streamUploadParts(tx: Db, practiceId: string, uploadId: string, body: AsyncIterable<Uint8Array>, declared: string | null, max: number, partBytes = UPLOAD_PART_BYTES): Promise<StreamedUpload> {
  const hash = createHash('sha256');
  const text = new TextCheck();
  let size = 0;
  let parts = 0;
  // Set inside the closures below; asserted so the compiler does not narrow it to its initial null.
  let kind = null as DocumentMediaType | 'TEXT?' | null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const part = Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    if (kind === null) decide(part);
    await insertUploadPart(tx, practiceId, uploadId, parts++, part);
  };
  const decide = (head: Buffer) => {
    const binary = detectMediaType(head.subarray(0, HEAD));
    if (binary && binary !== 'text/plain') {
      if (declared !== binary) throw mislabelled(declared, binary);
      kind = binary;
    } else kind = 'TEXT?';
  };
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) throw tooLarge(max);
    hash.update(chunk);
    if (kind === 'TEXT?' || kind === null) text.push(chunk);
    if (!text.ok && kind === 'TEXT?') throw notAccepted();
    pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    pendingBytes += chunk.length;
    // Decide the kind as soon as the head is in, so a mislabelled file is refused before the rest is read.
    if (kind === null && pendingBytes >= HEAD) decide(Buffer.concat(pending, pendingBytes));
    if (pendingBytes >= partBytes) await flush();
  }
  await flush();
  if (size === 0) throw badInput([{ path: 'file', message: 'is empty' }]);
  text.push(new Uint8Array(0), true);
  let mediaType: DocumentMediaType;
  if (kind === 'TEXT?') {
    if (!text.ok) throw notAccepted();
    mediaType = 'text/plain';
  } else mediaType = kind!;
  if (declared !== mediaType) throw mislabelled(declared, mediaType);
  return { mediaType, sizeBytes: size, sha256: hash.digest('hex'), parts };
}
