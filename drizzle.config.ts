import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/engine/catalog/schema/index.ts',
  out: './src/engine/catalog/migrations',
});
