import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { resolve } from 'node:path';
import { AppConfig } from '../config/app-config';
import { WorkflowsService } from './workflows.service';

/** Publishes the definitions in workflows/ at start-up; unchanged files are recognised by content hash. */
@Injectable()
export class ShippedWorkflowsLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger(ShippedWorkflowsLoader.name);

  constructor(
    private readonly workflows: WorkflowsService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const directory = resolve(this.config.workflowsDir);
    const results = await this.workflows.registerShipped(directory);
    this.logger.log(`${results.length} shipped workflow definitions available from ${directory}`);
  }
}
