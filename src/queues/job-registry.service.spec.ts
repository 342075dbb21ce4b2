import { AppConfig } from '../config/app-config';
import { JOB_NAMES } from './job-catalogue';
import { JobRegistry } from './job-registry.service';

const skipped = async () => ({ status: 'skipped' as const });

describe('JobRegistry', () => {
  const config = AppConfig.fromEnv({ ROLE: 'api' });

  it('refuses a second handler for the same job', () => {
    const registry = new JobRegistry(config);
    registry.register('deadline.fire', skipped);
    expect(() => registry.register('deadline.fire', skipped)).toThrow('job "deadline.fire" has two handlers; register it once');
  });

  it('refuses a job name that is not in the catalogue', () => {
    const registry = new JobRegistry(config);
    expect(() => registry.register('deadline.explode' as never, skipped)).toThrow(/not in the job catalogue/);
  });

  it('stops start-up when a catalogued job has no handler, naming it', () => {
    const registry = new JobRegistry(config);
    for (const name of JOB_NAMES.filter((job) => job !== 'webhook.deliver')) registry.register(name, skipped);
    expect(() => registry.onApplicationBootstrap()).toThrow('no handler registered for job "webhook.deliver"; every job in the catalogue needs one');
  });

  it('starts when every job has exactly one handler (and runs no worker for ROLE=api)', async () => {
    const registry = new JobRegistry(config);
    for (const name of JOB_NAMES) registry.register(name, skipped);
    expect(() => registry.onApplicationBootstrap()).not.toThrow();
    await registry.onApplicationShutdown();
  });
});
