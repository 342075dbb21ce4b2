import { Client } from 'pg';
import Redis from 'ioredis';
import { ADMIN_DATABASE_URL, TEST_REDIS_URL, testRunId } from './test-run';

/** Drops this run's databases and Redis keys; leaves every other run's alone. */
export default async function globalTeardown(): Promise<void> {
  const run = testRunId();
  const admin = new Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${run}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${run}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Redis being down is reported by the tests that need it.
  } finally {
    redis.disconnect();
  }
}
