import { Injectable, OnModuleInit } from '@nestjs/common';
import { isFinalAttempt } from '../queues/final-attempt.util';
import { JobRegistry } from '../queues/job-registry.service';
import { EmailService } from './email.service';

@Injectable()
export class EmailSendJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly email: EmailService,
  ) {}

  onModuleInit(): void {
    this.registry.register('email.send', (data, job) => this.email.send(data.notificationId, isFinalAttempt(job)));
  }
}
