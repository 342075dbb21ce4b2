import { Injectable } from '@nestjs/common';
import type { Actor } from '../../auth/actor';
import { assertStorableJson } from '../../common/http/json-input.guard.util';
import { assertUuid } from '../../common/http/query-params.util';
import { TransitionService } from '../../contributions/transition.service';
import type { EventMetaDto } from './event-body.dto';

/**
 * The convenience routes (POST /contributions/:id/comments, …) are events like any other: they go
 * through the one transition path, and answer with what the event recorded.
 */
@Injectable()
export class ParticipationEvents {
  constructor(private readonly transitions: TransitionService) {}

  async send(contributionId: string, type: string, payload: Record<string, unknown>, meta: EventMetaDto, actor: Actor): Promise<{ details: Record<string, unknown>; seq: number }> {
    assertUuid(contributionId, 'id');
    const cleaned = Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));
    assertStorableJson(cleaned, 'body');
    const result = await this.transitions.apply(
      contributionId,
      { type, payload: cleaned, occurredAt: meta.occurredAt ? new Date(meta.occurredAt) : undefined, reason: meta.reason ?? null },
      actor,
    );
    if (result.replayed) throw new Error('convenience routes do not use idempotency keys');
    return { details: result.outcome.record.details, seq: result.outcome.record.seq };
  }
}
