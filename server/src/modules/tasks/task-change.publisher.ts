import type { PubSub } from '../../realtime/pubsub.js';

/** What subscribers receive when a task changes. Ids and codes only: events never carry PHI. */
export interface TaskChangedMessage {
  taskId: string;
  kind: string;
  status: string;
  assigneeUserId: string | null;
  queueRole: string | null;
  at: string;
}

/** One topic per practice and user, and one per practice and role queue: a subscriber only hears its own practice. */
export const taskUserTopic = (practiceId: string, userId: string) => `taskChanged:${practiceId}:user:${userId}`;
export const taskQueueTopic = (practiceId: string, role: string) => `taskChanged:${practiceId}:queue:${role}`;

export interface TaskChange {
  id: string;
  status: string;
  assigneeUserId: string | null;
  queueRole: string | null;
  /** The assignee before the change, told too when the task left them. */
  previousAssigneeUserId?: string | null;
  kind: string;
}

/**
 * Publishes task changes to the assignee's topic, the previous assignee's (when it moved away) and the
 * queue's, through the same pub/sub as appointmentChanged (Redis across instances when configured).
 * Call it AFTER the transaction commits. A pub/sub failure does not undo the change: reported, not thrown.
 * @returns true when every message was handed to the pub/sub
 */
export async function publishTaskChanges(source: PubSub | { pubsub: PubSub }, practiceId: string, changes: readonly TaskChange[], at: Date = new Date()): Promise<boolean> {
  const pubsub = 'pubsub' in source ? source.pubsub : source;
  const sends: Promise<void>[] = [];
  for (const c of changes) {
    const message: TaskChangedMessage = { taskId: c.id, kind: c.kind, status: c.status, assigneeUserId: c.assigneeUserId, queueRole: c.queueRole, at: at.toISOString() };
    const topics = new Set<string>();
    if (c.assigneeUserId) topics.add(taskUserTopic(practiceId, c.assigneeUserId));
    if (c.previousAssigneeUserId && c.previousAssigneeUserId !== c.assigneeUserId) topics.add(taskUserTopic(practiceId, c.previousAssigneeUserId));
    if (c.queueRole) topics.add(taskQueueTopic(practiceId, c.queueRole));
    for (const topic of topics) sends.push(pubsub.publish(topic, message));
  }
  const results = await Promise.allSettled(sends);
  return results.every((r) => r.status === 'fulfilled');
}
