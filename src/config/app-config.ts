import { z } from 'zod';

export const PROCESS_ROLES = ['api', 'worker', 'all'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'use true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number({ message: 'use a port number such as 3000' }).int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'use a postgres:// URL such as postgres://postgres@127.0.0.1:5432/consultation')
    .default('postgres://postgres@127.0.0.1:5432/consultation'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'use a redis:// URL such as redis://127.0.0.1:6379')
    .default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "-" or "_" only (no ":")')
    .default('ce'),
  ROLE: z.enum(PROCESS_ROLES, { message: 'use api, worker or all' }).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WORKFLOWS_DIR: z.string().min(1).default('workflows'),
  DEMO: booleanFromEnv.default(false),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  BACKDATE_ALERT_HOURS: z.coerce.number().min(0).default(72),
  PUBLIC_BASE_URL: z.string().url('use an absolute URL such as http://localhost:3000').optional(),
  CHECKPOINT_KEY_PATH: z.string().min(1, 'use a file path such as var/keys/checkpoint-ed25519.pem').default('var/keys/checkpoint-ed25519.pem'),
  CHECKPOINT_INTERVAL_MS: z.coerce.number({ message: 'use milliseconds such as 3600000, or 0 to sign checkpoints only on demand' }).int().min(0).default(3_600_000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'use an smtp:// or smtps:// URL such as smtp://user:password@mail.example.org:587')
    .optional(),
  MAIL_FROM: z.string().min(3, 'use an address such as "Consultation Engine <noreply@example.org>"').default('Consultation Engine <noreply@consultation-engine.local>'),
  RELAY_POLL_MS: z.coerce.number({ message: 'use milliseconds such as 1000' }).int().min(20).max(60_000).default(1000),
  RELAY_BATCH_SIZE: z.coerce.number({ message: 'use a whole number such as 1000' }).int().min(1).max(10_000).default(1000),
  RECONCILE_INTERVAL_MS: z.coerce.number({ message: 'use milliseconds such as 60000' }).int().min(1000).default(60_000),
  JOB_LOCK_MS: z.coerce.number({ message: 'use milliseconds such as 30000' }).int().min(500).max(600_000).default(30_000),
  DEADLINE_CONCURRENCY: z.coerce.number({ message: 'use a whole number such as 400' }).int().min(1).max(5000).default(400),
  DEADLINE_BATCH_SIZE: z.coerce.number({ message: 'use a whole number such as 100' }).int().min(1).max(1000).default(100),
  DEADLINE_BATCH_WAIT_MS: z.coerce.number({ message: 'use milliseconds such as 5' }).int().min(0).max(1000).default(5),
  EVENT_BATCH_SIZE: z.coerce.number({ message: 'use a whole number such as 32' }).int().min(1).max(1000).default(32),
  EVENT_TRANSACTIONS: z.coerce.number({ message: 'use a whole number such as 4' }).int().min(1).max(1000).optional(),
  WORKER_CONCURRENCY: z.coerce.number({ message: 'use a whole number such as 10' }).int().min(1).max(1000).default(10),
  WEBHOOK_ATTEMPTS: z.coerce.number({ message: 'use a whole number such as 8' }).int().min(1).max(50).default(8),
  WEBHOOK_BACKOFF_MS: z.coerce.number({ message: 'use milliseconds such as 5000' }).int().min(10).default(5000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number({ message: 'use milliseconds such as 10000' }).int().min(100).max(120_000).default(10_000),
  METRICS_PORT: z.coerce.number({ message: 'use a port number such as 9464' }).int().min(0).max(65535).optional(),
  METRICS_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:-]+$/, 'use an address to listen on such as 127.0.0.1, 0.0.0.0 or ::')
    .default('127.0.0.1'),
});

export type AppConfigValues = z.infer<typeof envSchema>;

/**
 * The one place configuration is read. Built once from the environment at start-up;
 * an invalid variable stops the process with a message naming the variable and the fix.
 */
export class AppConfig {
  readonly port: number;
  readonly databaseUrl: string;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly role: ProcessRole;
  readonly logLevel: AppConfigValues['LOG_LEVEL'];
  readonly workflowsDir: string;
  readonly demo: boolean;
  readonly dbPoolSize: number;
  readonly backdateAlertHours: number;
  readonly publicBaseUrl: string;
  /** Ed25519 key that signs audit checkpoints; kept outside the database (created on first start). */
  readonly checkpointKeyPath: string;
  /** How often a worker signs a checkpoint of every chain head; 0: only on demand. */
  readonly checkpointIntervalMs: number;
  /** Unset: e-mails are written to the log instead of being sent. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
  readonly relayPollMs: number;
  readonly relayBatchSize: number;
  readonly reconcileIntervalMs: number;
  readonly jobLockMs: number;
  readonly deadlineConcurrency: number;
  /** Deadline firings applied in one transaction, at most… */
  readonly deadlineBatchSize: number;
  /** …gathered for at most this long. */
  readonly deadlineBatchWaitMs: number;
  /** Concurrent events applied in one transaction, at most… */
  readonly eventBatchSize: number;
  /** …with at most this many such transactions at once per process (each holds a connection). */
  readonly eventTransactions: number;
  readonly workerConcurrency: number;
  readonly webhookAttempts: number;
  readonly webhookBackoffMs: number;
  readonly webhookTimeoutMs: number;
  /** A process without the API serves GET /metrics on this port (no token: a private network); unset: no port is opened. */
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;

  private constructor(values: AppConfigValues) {
    this.port = values.PORT;
    this.databaseUrl = values.DATABASE_URL;
    this.redisUrl = values.REDIS_URL;
    this.queuePrefix = values.QUEUE_PREFIX;
    this.role = values.ROLE;
    this.logLevel = values.LOG_LEVEL;
    this.workflowsDir = values.WORKFLOWS_DIR;
    this.demo = values.DEMO;
    this.dbPoolSize = values.DB_POOL_SIZE;
    this.backdateAlertHours = values.BACKDATE_ALERT_HOURS;
    this.publicBaseUrl = values.PUBLIC_BASE_URL ?? `http://localhost:${values.PORT}`;
    this.checkpointKeyPath = values.CHECKPOINT_KEY_PATH;
    this.checkpointIntervalMs = values.CHECKPOINT_INTERVAL_MS;
    this.smtpUrl = values.SMTP_URL;
    this.mailFrom = values.MAIL_FROM;
    this.relayPollMs = values.RELAY_POLL_MS;
    this.relayBatchSize = values.RELAY_BATCH_SIZE;
    this.reconcileIntervalMs = values.RECONCILE_INTERVAL_MS;
    this.jobLockMs = values.JOB_LOCK_MS;
    this.deadlineConcurrency = values.DEADLINE_CONCURRENCY;
    this.deadlineBatchSize = values.DEADLINE_BATCH_SIZE;
    this.deadlineBatchWaitMs = values.DEADLINE_BATCH_WAIT_MS;
    this.eventBatchSize = values.EVENT_BATCH_SIZE;
    this.eventTransactions = values.EVENT_TRANSACTIONS ?? Math.max(1, Math.floor(values.DB_POOL_SIZE / 4));
    this.workerConcurrency = values.WORKER_CONCURRENCY;
    this.webhookAttempts = values.WEBHOOK_ATTEMPTS;
    this.webhookBackoffMs = values.WEBHOOK_BACKOFF_MS;
    this.webhookTimeoutMs = values.WEBHOOK_TIMEOUT_MS;
    this.metricsPort = values.METRICS_PORT;
    this.metricsHost = values.METRICS_HOST;
  }

  get runsApi(): boolean {
    return this.role === 'api' || this.role === 'all';
  }

  get runsWorker(): boolean {
    return this.role === 'worker' || this.role === 'all';
  }

  static fromEnv(env: Record<string, string | undefined> = process.env): AppConfig {
    const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
    // `npm start` is the README's "run the product" command: it shows the demo unless DEMO says otherwise.
    if (present.DEMO === undefined && env.npm_lifecycle_event === 'start') present.DEMO = 'true';
    const parsed = envSchema.safeParse(present);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
      throw new InvalidConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
    }
    return new AppConfig(parsed.data);
  }
}

export class InvalidConfigurationError extends Error {
  override name = 'InvalidConfigurationError';
}
