import { describe, expect, it } from 'vitest';
import { spawnServer } from '../../helpers/spawn-server.js';

describe('start-up with bad configuration', () => {
  it('exits with code 2 and a message naming each bad variable, before opening a database', async () => {
    const child = spawnServer({ PORT: 'eighty', JWT_SECRET: 'too-short-secret-value', PGLITE_DATA_DIR: '/nonexistent/never-created' });
    expect(await child.exited).toBe(2);
    expect(child.stderr()).toContain('Invalid configuration');
    expect(child.stderr()).toContain('PORT: must be a whole number');
    expect(child.stderr()).toContain('JWT_SECRET: must be at least 32 characters');
    expect(child.stderr()).not.toContain('too-short-secret-value');
    expect(child.stderr()).not.toMatch(/\n\s+at /);
  }, 60_000);
});
