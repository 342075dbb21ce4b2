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
  }

  get runsApi(): boolean {
    return this.role === 'api' || this.role === 'all';
  }

  get runsWorker(): boolean {
    return this.role === 'worker' || this.role === 'all';
  }

  static fromEnv(env: Record<string, string | undefined> = process.env): AppConfig {
    const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
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
