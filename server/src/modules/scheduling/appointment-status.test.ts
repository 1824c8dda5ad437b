import { describe, expect, it } from 'vitest';
import { AppointmentStatus as S, canTransition, isActiveStatus, isReschedulable, nextStatuses } from './appointment-status.js';

describe('appointment status machine', () => {
  it('follows the front-desk flow', () => {
    const flow = [S.BOOKED, S.CONFIRMED, S.ARRIVED, S.IN_ROOM, S.COMPLETED];
    for (let i = 1; i < flow.length; i++) expect(canTransition(flow[i - 1]!, flow[i]!)).toBe(true);
    expect(canTransition(S.BOOKED, S.ARRIVED)).toBe(true);
  });

  it('rejects illegal jumps', () => {
    expect(canTransition(S.BOOKED, S.COMPLETED)).toBe(false);
    expect(canTransition(S.BOOKED, S.IN_ROOM)).toBe(false);
    expect(canTransition(S.COMPLETED, S.BOOKED)).toBe(false);
    expect(canTransition(S.CANCELLED, S.BOOKED)).toBe(false);
    expect(canTransition(S.NO_SHOW, S.ARRIVED)).toBe(false);
    expect(canTransition(S.IN_ROOM, S.NO_SHOW)).toBe(false);
    expect(canTransition(S.BOOKED, S.BOOKED)).toBe(false);
  });

  it('makes entered-in-error terminal and reachable from every other status', () => {
    expect(nextStatuses(S.ENTERED_IN_ERROR)).toEqual([]);
    for (const s of Object.values(S)) if (s !== S.ENTERED_IN_ERROR && s !== S.HELD) expect(canTransition(s, S.ENTERED_IN_ERROR)).toBe(true);
    expect(nextStatuses(S.HELD)).toEqual([]);
  });

  it('knows which statuses hold time and which can move', () => {
    expect(Object.values(S).filter(isActiveStatus)).toEqual([S.HELD, S.BOOKED, S.CONFIRMED, S.ARRIVED, S.IN_ROOM, S.COMPLETED]);
    expect(Object.values(S).filter(isReschedulable)).toEqual([S.BOOKED, S.CONFIRMED]);
  });
});
