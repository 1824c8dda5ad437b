import { beforeAll, describe, expect, it } from 'vitest';
import { seedDemoAppeals } from '../../../server/src/demo/seed-appeals.js';
import { DEMO_PRACTICE_ID } from '../../../server/src/demo/seed-demo.js';
import { Role } from '../../../server/src/graphql/roles.js';
import { DEMO_HOOK_TIMEOUT } from '../../helpers/demo-db.js';
import { startTestServer, type TestServer } from '../../helpers/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { demo: true });
}, DEMO_HOOK_TIMEOUT);

const LIST = `query { appeals(first: 20) { totalCount edges { node { id status claim { id status } documents { note document { type title status mediaType } } } } } }`;

describe('demo appeals', () => {
  it('a denied demo claim is appealed with the payer\'s denial letter attached, once, visible to a BILLER', async () => {
    const biller = await server.token(DEMO_PRACTICE_ID, [Role.BILLER]);
    const res = await server.gql(biller, LIST);
    expect(res.errors).toBeUndefined();
    const appeals = res.data!.appeals;
    expect(appeals.totalCount).toBe(1);
    expect(appeals.edges[0].node).toMatchObject({ status: 'DRAFT', claim: { status: 'DENIED' }, documents: [{ note: "the payer's denial", document: { type: 'PAYER_CORRESPONDENCE', title: 'Denial letter', status: 'CURRENT', mediaType: 'text/plain' } }] });
    // Seeding again changes nothing.
    expect(await seedDemoAppeals(server.database.db, DEMO_PRACTICE_ID, new Date())).toBe(1);
    const again = (await server.gql(biller, LIST)).data!.appeals;
    expect(again.totalCount).toBe(1);
    expect(again.edges[0].node.documents).toHaveLength(1);
  });
});
