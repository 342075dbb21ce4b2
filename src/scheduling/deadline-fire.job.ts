import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../queues/job-registry.service';
import { DeadlineFiringService } from './deadline-firing.service';

@Injectable()
export class DeadlineFireJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly deadlines: DeadlineFiringService,
  ) {}

  onModuleInit(): void {
    this.registry.register('deadline.fire', (data) => this.deadlines.fire(data));
  }
}
