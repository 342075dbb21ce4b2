import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { assertUuid, parseOptionalPositiveInt, parseOptionalUuid } from '../common/http/query-params.util';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { WebhooksService } from './webhooks.service';

/**
 * Signed webhooks per organisation: each delivery is a POST of a JSON body with
 * `X-Consultation-Signature-256: sha256=<HMAC-SHA256 of the raw body with the subscription secret>`.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** Subscribes an organisation; the answer carries the signing secret, shown this once. */
  @Post()
  @Roles('secretariat', 'participant')
  @HttpCode(201)
  create(@CurrentActor() actor: Actor, @Body() body: CreateWebhookDto) {
    return this.webhooks.create(actor, body);
  }

  @Get()
  @ApiQuery({ name: 'organisationId', required: false })
  list(@CurrentActor() actor: Actor, @Query('organisationId') organisationId?: string) {
    return this.webhooks.list(actor, parseOptionalUuid(organisationId, 'organisationId'));
  }

  @Delete(':id')
  @Roles('secretariat', 'participant')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    await this.webhooks.disable(actor, assertUuid(id, 'id'));
  }

  /** The delivery log of a subscription, newest first, with every attempt. */
  @Get(':id/deliveries')
  @ApiQuery({ name: 'limit', required: false, type: Number })
  deliveries(@CurrentActor() actor: Actor, @Param('id') id: string, @Query('limit') limit?: string) {
    return this.webhooks.deliveries(actor, assertUuid(id, 'id'), parseOptionalPositiveInt(limit, 'limit', 500) ?? 50);
  }
}
