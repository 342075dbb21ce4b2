import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { ContributionsModule } from './contributions/contributions.module';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { HealthModule } from './health/health.module';
import { loggerOptions } from './logging/logger-options';
import { MetricsModule } from './metrics/metrics.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ParticipationModule } from './participation/participation.module';
import { PublicModule } from './public/public.module';
import { QueuesModule } from './queues/queues.module';
import { ReportsModule } from './reports/reports.module';
import { SchedulingModule } from './scheduling/scheduling.module';
import { WebModule } from './web/web.module';
import { WorkflowsModule } from './workflows/workflows.module';

@Module({})
export class AppModule {
  /** The whole application for one validated configuration (tests pass their own). */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerOptions(config)),
        DatabaseModule,
        MetricsModule,
        OrganisationsModule,
        AuthModule,
        WorkflowsModule,
        AuditModule,
        ContributionsModule,
        QueuesModule,
        SchedulingModule,
        DemoModule,
        ParticipationModule,
        PublicModule,
        ReportsModule,
        HealthModule,
        WebModule,
      ],
    };
  }
}
