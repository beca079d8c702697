import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './coordinator/db/schema.ts',
  out: './coordinator/db/migrations',
});
