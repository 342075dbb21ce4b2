import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { KeyStagesReportService } from './key-stages-report.service';
import { PublicReportsController, ReportsController } from './reports.controller';

@Module({ imports: [AuditModule], controllers: [ReportsController, PublicReportsController], providers: [KeyStagesReportService] })
export class ReportsModule {}
