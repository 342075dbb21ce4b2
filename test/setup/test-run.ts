/**
 * Names shared by the global setup, every test file and the teardown. One jest run owns one
 * database name prefix and one queue prefix, so parallel runs on one machine never collide.
 */
export const ADMIN_DATABASE_URL = process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function testRunId(): string {
  const id = process.env.CE_TEST_RUN;
  if (!id) throw new Error('CE_TEST_RUN is not set: run the tests with npm test (jest global setup sets it)');
  return id;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export const templateDatabase = () => `${testRunId()}_template`;
