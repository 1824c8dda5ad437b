import type { ClaimEdit } from './edit.js';

// X12 NM109 allows 2–80 characters; payers issue letters and digits (some with a dash).
const MEMBER_ID = /^[A-Z0-9][A-Z0-9-]{1,29}$/i;

export const memberIdEdit: ClaimEdit = {
  code: 'MEMBER_ID_INVALID',
  severity: 'ERROR',
  description: 'The subscriber\'s member id is missing or malformed (2–30 letters, digits or dashes).',
  run: ({ snapshot }) => {
    const id = snapshot.subscriber.memberId.trim();
    if (!id) return [{ path: 'subscriber.memberId', message: 'The member id is missing' }];
    if (!MEMBER_ID.test(id)) return [{ path: 'subscriber.memberId', message: 'The member id is malformed: use 2–30 letters, digits or dashes as on the card' }];
    return [];
  },
};
