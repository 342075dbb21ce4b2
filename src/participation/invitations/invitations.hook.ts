import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppliedTransitionContext, ContributionExtensions, TransitionContext, TransitionHook } from '../../contributions/contribution-extensions';
import { ParticipationException } from '../participation.exception';
import { effectOf, recordSeqOf, stageOfEvent } from '../shared/event-stage.util';
import { PayloadReader } from '../shared/payload-reader.util';

export const INVITE = 'INVITE';

/**
 * INVITE `{ organisationIds }` records who was asked to respond in a stage. Once a stage has
 * invitations, a participant of an organisation not invited cannot respond there itself (403);
 * the secretariat can still record a response received from anyone.
 */
@Injectable()
export class InvitationsHook implements TransitionHook, OnModuleInit {
  readonly name = 'participation.invitations';
  private readonly prepared = new WeakMap<object, { stageId: string; organisationIds: string[] }>();

  constructor(private readonly extensions: ContributionExtensions) {}

  onModuleInit(): void {
    this.extensions.registerHook(this);
  }

  async beforeTransition(context: TransitionContext): Promise<void> {
    if (context.event.type === INVITE) return this.prepareInvitation(context);
    if (context.actor.role !== 'participant' || !context.event.organisationId) return;
    const stage = context.fromStages.map((id) => context.workflow.stage(id)).find((s) => s && effectOf(s, context.event.type) === 'response');
    if (!stage) return;
    const [row] = await context.em.query(
      `SELECT count(*)::int AS invited, bool_or(organisation_id = $3) AS mine FROM invitations WHERE contribution_id = $1 AND stage_id = $2`,
      [context.contribution.id, stage.id, context.event.organisationId],
    );
    if (row.invited > 0 && !row.mine) throw ParticipationException.notInvited(context.actor.organisationName ?? 'your organisation', stage.id);
  }

  private async prepareInvitation(context: TransitionContext): Promise<void> {
    const payload = PayloadReader.of(context.event.payload, ['organisationIds']);
    const stage = stageOfEvent(context);
    const ids = payload.list('organisationIds', { min: 1, max: 5000 }).map((value, index) => {
      if (typeof value !== 'string' || !/^[0-9a-f-]{36}$/i.test(value)) throw ParticipationException.invalidPayload(`payload.organisationIds[${index}]`, 'must be an organisation id (UUID)');
      return value.toLowerCase();
    });
    const unique = [...new Set(ids)];
    const found: Array<{ id: string }> = await context.em.query(`SELECT id FROM organisations WHERE id = ANY($1::uuid[])`, [unique]);
    const known = new Set(found.map((row) => row.id));
    const missing = unique.filter((id) => !known.has(id));
    if (missing.length > 0) throw ParticipationException.invalidPayload('payload.organisationIds', `no organisation ${missing.join(', ')}; create it first (POST /organisations)`);
    const already: Array<{ organisation_id: string }> = await context.em.query(
      `SELECT organisation_id FROM invitations WHERE contribution_id = $1 AND stage_id = $2 AND organisation_id = ANY($3::uuid[])`,
      [context.contribution.id, stage.id, unique],
    );
    const invitedBefore = new Set(already.map((row) => row.organisation_id));
    const added = unique.filter((id) => !invitedBefore.has(id));
    context.details.invitation = { stage: stage.id, added, alreadyInvited: unique.length - added.length };
    this.prepared.set(context.details, { stageId: stage.id, organisationIds: added });
  }

  async afterTransition(context: AppliedTransitionContext): Promise<void> {
    const prepared = this.prepared.get(context.details);
    if (!prepared || prepared.organisationIds.length === 0) return;
    await context.em.query(
      `INSERT INTO invitations (contribution_id, stage_id, organisation_id, invited_at, invited_by, record_seq)
       SELECT $1, $2, id, $4, $5, $6 FROM unnest($3::uuid[]) AS id ON CONFLICT DO NOTHING`,
      [context.contribution.id, prepared.stageId, prepared.organisationIds, context.occurredAt, context.actor.personId, recordSeqOf(context)],
    );
  }
}
