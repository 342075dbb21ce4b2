import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditQueriesService } from './audit-queries.service';
import { AuditTrailService } from './audit-trail.service';
import { CheckpointJob } from './checkpoints/checkpoint.job';
import { CheckpointsController } from './checkpoints/checkpoints.controller';
import { CheckpointsService } from './checkpoints/checkpoints.service';
import { AuditExportController } from './export/audit-export.controller';
import { AuditExportService } from './export/audit-export.service';

@Module({
  controllers: [AuditController, AuditExportController, CheckpointsController],
  providers: [AuditTrailService, AuditQueriesService, AuditExportService, CheckpointsService, CheckpointJob],
  exports: [AuditTrailService, CheckpointsService],
})
export class AuditModule {}
