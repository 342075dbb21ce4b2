import { Global, Module } from '@nestjs/common';
import { ShippedWorkflowsLoader } from './shipped-workflows.loader';
import { WorkflowsController } from './workflows.controller';
import { WorkflowsService } from './workflows.service';

@Global()
@Module({ controllers: [WorkflowsController], providers: [WorkflowsService, ShippedWorkflowsLoader], exports: [WorkflowsService] })
export class WorkflowsModule {}
