import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { BullModule } from '@nestjs/bullmq';
import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { BOARD_ROUTE, BullBoardAuthMiddleware } from './bull-board.middleware';
import { QUEUE_NAMES } from './job-catalogue';
import { JobQueues } from './job-queues.service';
import { JobRegistry } from './job-registry.service';

/**
 * BullMQ for the whole app: one root configuration (REDIS_URL, QUEUE_PREFIX), the queues, the job
 * registry every module registers its handlers with, and Bull Board for operators at /queues.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ connection: { url: config.redisUrl }, prefix: config.queuePrefix }),
    }),
    BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
  ],
  providers: [JobQueues, JobRegistry, BullBoardAuthMiddleware],
  exports: [JobQueues, JobRegistry],
})
export class QueuesModule implements NestModule {
  constructor(private readonly queues: JobQueues) {}

  configure(consumer: MiddlewareConsumer): void {
    const serverAdapter = new ExpressAdapter();
    serverAdapter.setBasePath(BOARD_ROUTE);
    createBullBoard({
      queues: this.queues.all().map((queue) => new BullMQ6Adapter(queue)),
      serverAdapter,
      options: { uiConfig: { boardTitle: 'Consultation Engine queues' } },
    });
    consumer.apply(BullBoardAuthMiddleware, serverAdapter.getRouter()).forRoutes(BOARD_ROUTE);
  }
}

/** BullMQ 6 moved the Redis client behind getBackend(); Bull Board 6 still reads queue.client. */
class BullMQ6Adapter extends BullMQAdapter {
  constructor(private readonly bullQueue: Queue) {
    super(bullQueue);
  }

  override async getRedisInfo(): Promise<string> {
    const client = await this.bullQueue.getBackend().client;
    return client.info();
  }

  override getClient(): Promise<any> {
    return this.bullQueue.getBackend().client;
  }
}
