import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/bootstrap/create-app';
import { AppConfig } from '../../src/config/app-config';
import { TokensService } from '../../src/auth/tokens.service';
import type { PersonRole } from '../../src/auth/entities/person.entity';
import { TEST_REDIS_URL, testRunId } from '../setup/test-run';
import { createTestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** supertest against the app's HTTP server (no port needed). */
  http: () => TestAgent;
  /** A superuser connection to this test's database, for assertions and tampering. */
  db: Client;
  /** Creates a person with a token; returns the bearer token and ids. */
  token: (role: PersonRole, organisation?: string, extra?: { name?: string; email?: string; timeZone?: string; language?: string }) => Promise<TestIdentity>;
  close: () => Promise<void>;
}

export interface TestIdentity {
  token: string;
  personId: string;
  organisationId: string | null;
  auth: { Authorization: string };
}

export interface SetupOptions {
  /**
   * Which parts are real: Postgres is always real (a private database cloned from the migrated
   * template); Redis is always real with a private queue prefix. `workers: false` (the default)
   * runs the API role only, so no job fires behind the test's back.
   */
  workers?: boolean;
  env?: Record<string, string>;
}

export async function setup(options: SetupOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = AppConfig.fromEnv({
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `${testRunId()}_${randomBytes(3).toString('hex')}`,
    ROLE: options.workers ? 'all' : 'api',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    ...options.env,
  });
  process.env.LOG_FORMAT = 'json';
  const app = await createApp(config);
  await app.init();
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const tokens = app.get(TokensService);
  return {
    app,
    config,
    http: () => request(app.getHttpServer()),
    db,
    token: async (role, organisation, extra = {}) => {
      const { token, person } = await tokens.create({ role, organisationName: organisation, ...extra });
      return { token, personId: person.id, organisationId: person.organisationId, auth: { Authorization: `Bearer ${token}` } };
    },
    close: async () => {
      await db.end();
      await app.close();
    },
  };
}
