import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { DeadlineFireJob } from './deadline-fire.job';
import { DeadlineFiringService } from './deadline-firing.service';
import { DeadlineNoticesService } from './deadline-notices.service';
import { DeadlinesHook } from './deadlines.hook';
import { DeadlinesViewSection } from './deadlines.view-section';
import { NoticeSendJob } from './notice-send.job';
import { OutboxRelay } from './outbox-relay.service';
import { Reconciler } from './reconciler.service';
import { ReminderSendJob } from './reminder-send.job';
import { RemindersService } from './reminders.service';

/**
 * Deadlines and reminders: rows written by the transition path (DeadlinesHook), the outbox relay
 * that mirrors them into BullMQ, the jobs that fire them, and the reconciler that rebuilds Redis
 * from Postgres. The relay, the reconciler and the workers run only where ROLE runs workers.
 */
@Module({
  imports: [NotificationsModule],
  providers: [
    DeadlinesHook,
    DeadlinesViewSection,
    DeadlineFiringService,
    RemindersService,
    DeadlineNoticesService,
    DeadlineFireJob,
    ReminderSendJob,
    NoticeSendJob,
    OutboxRelay,
    Reconciler,
  ],
  exports: [OutboxRelay, Reconciler],
})
export class SchedulingModule {}
