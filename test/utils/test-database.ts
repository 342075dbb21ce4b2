import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, databaseUrl, templateDatabase, testRunId } from '../setup/test-run';

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const name = `${testRunId()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    // Cloning needs the template to have no other sessions; retry briefly if a clone is in progress.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await admin.end();
  }
  return { name, url: databaseUrl(name) };
}
