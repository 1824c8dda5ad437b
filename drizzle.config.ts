import { defineConfig } from 'drizzle-kit';

// drizzle-kit resolves these paths from the repository root: run it from there (`pnpm db:generate`).
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
