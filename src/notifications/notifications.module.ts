import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { EmailSendJob } from './email-send.job';
import { EmailService } from './email.service';
import { InboxController } from './inbox.controller';
import { InboxService } from './inbox.service';
import { MyDeadlinesController } from './my-deadlines.controller';
import { MyDeadlinesService } from './my-deadlines.service';
import { NotifierService } from './notifier.service';
import { WebhookDeliverJob } from './webhook-deliver.job';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

/** Inbox, e-mail, signed webhooks, the iCalendar feed and the same deadlines as JSON; other modules hand it notices through NotifierService. */
@Module({
  controllers: [InboxController, CalendarController, MyDeadlinesController, WebhooksController],
  providers: [NotifierService, EmailService, WebhookDeliveryService, InboxService, CalendarService, MyDeadlinesService, WebhooksService, EmailSendJob, WebhookDeliverJob],
  exports: [NotifierService],
})
export class NotificationsModule {}
