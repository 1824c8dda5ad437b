import autocannon from 'autocannon';
import { signToken } from '../server/src/graphql/auth.js';
import { Role } from '../server/src/graphql/roles.js';
import { DAY_QUERY } from './scenarios.js';

/** Drives one running API (PORT) with day-view requests, for profiling: `node --import tsx bench/profile-day.ts`. */
const token = await signToken('bench-secret-bench-secret-bench-secret-0123', { userId: 'p', practiceId: '00000000-0000-4000-8000-00000000b001', roles: [Role.FRONT_DESK] });
const body = JSON.stringify({ query: DAY_QUERY, variables: { locationId: process.env.LOCATION_ID, date: '2026-12-08' } });
const r = await autocannon({ url: `http://127.0.0.1:${process.env.PORT}/graphql`, method: 'POST', connections: 4, duration: Number(process.env.SECONDS ?? 8), body, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } });
console.log(r.requests.average, r.latency.p50, r.non2xx);
