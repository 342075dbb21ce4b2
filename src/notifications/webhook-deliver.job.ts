import { Injectable, OnModuleInit } from '@nestjs/common';
import { isFinalAttempt } from '../queues/final-attempt.util';
import { JobRegistry } from '../queues/job-registry.service';
import { WebhookDeliveryService } from './webhook-delivery.service';

@Injectable()
export class WebhookDeliverJob implements OnModuleInit {
  constructor(
    private readonly registry: JobRegistry,
    private readonly webhooks: WebhookDeliveryService,
  ) {}

  onModuleInit(): void {
    this.registry.register('webhook.deliver', (data, job) => this.webhooks.deliver(data.deliveryId, isFinalAttempt(job)));
  }
}
