import { AppConfig, InvalidConfigurationError } from './app-config';

describe('AppConfig', () => {
  it('uses the documented defaults for a local machine', () => {
    const config = AppConfig.fromEnv({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/consultation');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.role).toBe('all');
    expect(config.runsApi && config.runsWorker).toBe(true);
  });

  it('fails fast naming every bad variable and its fix', () => {
    expect(() => AppConfig.fromEnv({ PORT: 'eighty', ROLE: 'both', QUEUE_PREFIX: 'a:b' })).toThrow(InvalidConfigurationError);
    try {
      AppConfig.fromEnv({ PORT: 'eighty', ROLE: 'both', QUEUE_PREFIX: 'a:b' });
    } catch (error) {
      expect((error as Error).message).toContain('PORT: use a port number');
      expect((error as Error).message).toContain('ROLE: use api, worker or all');
      expect((error as Error).message).toContain('QUEUE_PREFIX: use letters, digits');
    }
  });

  it('runs only the worker parts for ROLE=worker', () => {
    const config = AppConfig.fromEnv({ ROLE: 'worker' });
    expect([config.runsApi, config.runsWorker]).toEqual([false, true]);
  });

  it('has working defaults for scheduling and notifications, and names a bad value', () => {
    const config = AppConfig.fromEnv({});
    expect(config.smtpUrl).toBeUndefined();
    expect([config.relayPollMs, config.relayBatchSize, config.reconcileIntervalMs, config.jobLockMs]).toEqual([1000, 1000, 60_000, 30_000]);
    expect([config.webhookAttempts, config.webhookBackoffMs, config.webhookTimeoutMs]).toEqual([8, 5000, 10_000]);
    expect(() => AppConfig.fromEnv({ SMTP_URL: 'mail.example.org:25', WEBHOOK_ATTEMPTS: 'many' })).toThrow(
      /SMTP_URL: use an smtp:\/\/ or smtps:\/\/ URL[\s\S]*WEBHOOK_ATTEMPTS: use a whole number such as 8/,
    );
  });

  it('opens no metrics port unless METRICS_PORT is set, on the loopback address by default, and names a bad value', () => {
    expect(AppConfig.fromEnv({}).metricsPort).toBeUndefined();
    const config = AppConfig.fromEnv({ ROLE: 'worker', METRICS_PORT: '9464' });
    expect([config.metricsPort, config.metricsHost]).toEqual([9464, '127.0.0.1']);
    expect(AppConfig.fromEnv({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metricsHost).toBe('0.0.0.0');
    expect(() => AppConfig.fromEnv({ METRICS_PORT: '70000', METRICS_HOST: 'http://example.org/' })).toThrow(
      /METRICS_PORT: [\s\S]*METRICS_HOST: use an address to listen on/,
    );
    expect(() => AppConfig.fromEnv({ METRICS_PORT: 'nine' })).toThrow(/METRICS_PORT: use a port number such as 9464/);
  });
});
