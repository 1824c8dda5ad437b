import { Role } from '../../graphql/roles.js';

/** Roles that see rooms: the office staff who put patients in them or bill the visits (not PHI, but not for analysts or partners). */
export const ROOM_READERS = [Role.FRONT_DESK, Role.CLINICIAN, Role.BILLER, Role.PRACTICE_ADMIN];
