import { Client } from 'pg';
import { runMigrations } from '../../src/database/prepare-database.util';
import { ADMIN_DATABASE_URL, databaseUrl, templateDatabase } from './test-run';

/**
 * Runs once per jest run: migrates a template database, which every test file clones
 * (CREATE DATABASE … TEMPLATE …) so each file gets a private, already-migrated database.
 */
export default async function globalSetup(): Promise<void> {
  process.env.CE_TEST_RUN ??= `ce_test_${Date.now().toString(36)}_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${templateDatabase()}"`);
  } finally {
    await admin.end();
  }
  await runMigrations(databaseUrl(templateDatabase()));
}
