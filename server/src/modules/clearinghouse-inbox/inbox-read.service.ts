import type { Db } from '../../db/client.js';
import { badInput } from '../../graphql/errors.js';
import { type ConnectionShape, pageRequest, toConnection } from '../../graphql/pagination.js';
import { isUuid } from '../../lib/uuid.js';
import type { ClearinghouseFilesArgs } from './inbox.inputs.js';
import { toClearinghouseFile } from './inbox.mapper.js';
import { countFiles, type FileKey, listFiles } from './inbox.repo.js';
import type { ClearinghouseFile } from './inbox.type.js';

const FILE_STATUSES = ['RECEIVED', 'PROCESSED', 'FAILED', 'DUPLICATE'];
const FILE_KINDS = ['999', '277CA', '835', 'UNKNOWN'];

function fileKey(raw: unknown[] | null, path: string): FileKey | null {
  if (raw === null) return null;
  const [at, id] = raw;
  const date = typeof at === 'string' ? new Date(at) : null;
  if (raw.length === 2 && date && !Number.isNaN(date.getTime()) && typeof id === 'string' && isUuid(id)) return [date, id];
  throw badInput([{ path, message: 'is not a cursor issued by this connection' }]);
}

/**
 * One page of the practice's clearinghouse files, newest first (keyset on received at, id), filtered by
 * status and kind: one statement, two with totalCount.
 * @throws BAD_USER_INPUT for an unknown status or kind, paging arguments or a forged cursor
 */
export async function clearinghouseFilePage(db: Db, practiceId: string, args: ClearinghouseFilesArgs, wantCount: boolean): Promise<ConnectionShape<ClearinghouseFile>> {
  const problems = [];
  if (args.filter?.status && !FILE_STATUSES.includes(args.filter.status)) problems.push({ path: 'filter.status', message: `must be one of ${FILE_STATUSES.join(', ')}` });
  if (args.filter?.kind && !FILE_KINDS.includes(args.filter.kind)) problems.push({ path: 'filter.kind', message: `must be one of ${FILE_KINDS.join(', ')}` });
  if (problems.length) throw badInput(problems);
  const page = pageRequest(args);
  const cursor = fileKey(page.cursor, page.forward ? 'after' : 'before');
  const q = { status: args.filter?.status ?? null, kind: args.filter?.kind ?? null };
  const [rows, total] = await Promise.all([listFiles(db, practiceId, q, page.limit, cursor, page.forward), wantCount ? countFiles(db, practiceId, q) : Promise.resolve(null)]);
  return toConnection(rows, page, (r) => [r.receivedAt.toISOString(), r.id], toClearinghouseFile, total);
}
