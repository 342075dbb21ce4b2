import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

type Probe = { status: 'up' | 'down'; latencyMs: number; error?: string };

@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 });
    this.redis.on('error', () => undefined); // reported through /health, not as crashes
  }

  async check() {
    const [database, redis] = await Promise.all([
      this.probe(() => this.dataSource.query('SELECT 1')),
      this.probe(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
        await this.redis.ping();
      }),
    ]);
    return { status: database.status === 'up' && redis.status === 'up' ? 'ok' : 'degraded', role: this.config.role, checks: { database, redis } };
  }

  private async probe(run: () => Promise<unknown>): Promise<Probe> {
    const started = performance.now();
    try {
      await withTimeout(run(), 2000);
      return { status: 'up', latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
