import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../queues/job-registry.service';
import { RemindersService } from './reminders.service';

@Injectable()
export class ReminderSendJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly reminders: RemindersService,
  ) {}

  onModuleInit(): void {
    this.registry.register('reminder.send', (data) => this.reminders.send(data.reminderId));
  }
}
