import { expect, it } from 'vitest';
import { ERROR_CODES as SDK_CODES } from '@medoffice/sdk';
import { ERROR_CODES as SERVER_CODES } from '../../server/src/graphql/errors.js';

it("the SDK's error code list is the server's closed list", () => {
  expect([...SDK_CODES]).toEqual([...SERVER_CODES]);
});
