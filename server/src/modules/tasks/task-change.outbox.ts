import type { Db } from '../../db/client.js';
import type { PubSub } from '../../realtime/pubsub.js';
import { publishTaskChanges, type TaskChange } from './task-change.publisher.js';

/**
 * `taskChanged` for the tasks other modules make or close inside their own transactions (claims, supplies,
 * the loop auto-close, the sweeps): `ensureTasks` and `closeTasksBySourceKeys` note what they did on the
 * transaction (`noteTaskChanges`), and the transaction's opener publishes the notes after it commits — one
 * rule for every module, so none of them needs a pub/sub handle. A rollback publishes nothing; a savepoint
 * that rolls back drops its notes; a transaction on a database with no publisher bound (seeding, scripts)
 * just forgets them.
 */

interface Note {
  practiceId: string;
  changes: TaskChange[];
}

/** The notes of each open transaction (and savepoint) of a bound database. */
const notesOf = new WeakMap<object, Note[]>();
/** The pub/sub each bound database publishes to (the app's; rebinding replaces it). */
const pubsubOf = new WeakMap<object, PubSub>();

type Transaction = Db['transaction'];

/** Makes `handle.transaction` (and its savepoints) collect notes, handing them to `done` once it succeeds. */
function collect(handle: Db, done: (notes: Note[]) => Promise<void> | void): void {
  const original = handle.transaction.bind(handle) as Transaction;
  const wrapped = async <T>(fn: Parameters<Transaction>[0], config?: Parameters<Transaction>[1]): Promise<T> => {
    const notes: Note[] = [];
    const result = (await original(async (tx) => {
      notesOf.set(tx, notes);
      // A savepoint's notes join this transaction's only when the savepoint is released.
      collect(tx as unknown as Db, (inner) => void notes.push(...inner));
      return fn(tx);
    }, config)) as T;
    await done(notes);
    return result;
  };
  handle.transaction = wrapped as Transaction;
}

/**
 * Publishes, after each commit, the task changes noted in transactions opened on `db` (the app calls it once
 * with the database and pub/sub it serves). Idempotent: binding again only changes the pub/sub.
 */
export function publishTaskChangesAfterCommit(db: Db, pubsub: PubSub): void {
  const bound = pubsubOf.has(db);
  pubsubOf.set(db, pubsub);
  if (bound) return;
  collect(db, async (notes) => {
    const target = pubsubOf.get(db);
    if (!target) return;
    for (const n of notes) await publishTaskChanges(target, n.practiceId, n.changes);
  });
}

/**
 * Notes task changes made on `tx`, to be published when its outermost transaction commits. Outside a
 * transaction of a bound database it does nothing (nothing to announce).
 */
export function noteTaskChanges(tx: Db, practiceId: string, changes: readonly TaskChange[]): void {
  if (changes.length === 0) return;
  notesOf.get(tx)?.push({ practiceId, changes: [...changes] });
}
