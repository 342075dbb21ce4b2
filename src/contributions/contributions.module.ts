import { Global, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { ContributionExtensions } from './contribution-extensions';
import { ContributionsController } from './contributions.controller';
import { ContributionsService } from './contributions.service';
import { TransitionService } from './transition.service';

@Global()
@Module({
  imports: [AuditModule],
  controllers: [ContributionsController],
  providers: [TransitionService, ContributionsService, ContributionExtensions],
  exports: [TransitionService, ContributionsService, ContributionExtensions],
})
export class ContributionsModule {}
