import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../queues/job-registry.service';
import { DeadlineNoticesService } from './deadline-notices.service';

@Injectable()
export class NoticeSendJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly notices: DeadlineNoticesService,
  ) {}

  onModuleInit(): void {
    this.registry.register('notice.send', (data) => this.notices.send(data));
  }
}
