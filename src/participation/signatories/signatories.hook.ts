import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppliedTransitionContext, ContributionExtensions, TransitionContext, TransitionHook } from '../../contributions/contribution-extensions';
import { ParticipationException } from '../participation.exception';
import { assertBeforeDeadline } from '../shared/effective-deadline.util';
import { recordSeqOf, stageOfEvent, subjectOrganisation } from '../shared/event-stage.util';
import { PayloadReader } from '../shared/payload-reader.util';
import { TextsService } from '../texts/texts.service';
import type { SignatureKind } from './entities/signature.entity';
import { SignatoriesService } from './signatories.service';

export const SIGNATURE_EVENTS = {
  endorse: 'ENDORSE',
  withdraw: 'WITHDRAW_ENDORSEMENT',
  verify: 'VERIFY_SIGNATORY',
  cosponsor: 'JOIN_AS_COSPONSOR',
  withdrawCosponsor: 'WITHDRAW_COSPONSORSHIP',
  submit: 'SUBMIT',
} as const;
const HANDLED: string[] = Object.values(SIGNATURE_EVENTS);
const KIND_NAME: Record<SignatureKind, string> = { signatory: 'signatory', cosponsor: 'co-sponsor' };

type Prepared =
  | { kind: 'join'; id: string; as: SignatureKind; stageId: string; organisationId: string; channel: 'online' | 'event'; event: { name: string; date: string; location: string | null } | null; verified: boolean }
  | { kind: 'withdraw'; signatureId: string; reason: string | null }
  | { kind: 'verify'; signatureId: string }
  | { kind: 'submit'; id: string; stageId: string; recipient: string; agendaItem: string | null; agendaTitle: string | null; symbol: string | null };

interface ActiveSignature {
  id: string;
  joined_at: Date;
  verification: string | null;
}

/**
 * Signatories (ENDORSE, WITHDRAW_ENDORSEMENT, VERIFY_SIGNATORY), co-sponsors (JOIN_AS_COSPONSOR,
 * WITHDRAW_COSPONSORSHIP) and SUBMIT, which freezes the "as submitted" copy. A signature the
 * secretariat records on an organisation's behalf (collected at a forum, received by letter)
 * counts as verified; one an organisation records itself waits for VERIFY_SIGNATORY.
 */
@Injectable()
export class SignatoriesHook implements TransitionHook, OnModuleInit {
  readonly name = 'participation.signatories';
  private readonly prepared = new WeakMap<object, Prepared>();

  constructor(
    private readonly extensions: ContributionExtensions,
    private readonly signatories: SignatoriesService,
    private readonly texts: TextsService,
  ) {}

  onModuleInit(): void {
    this.extensions.registerHook(this);
  }

  async beforeTransition(context: TransitionContext): Promise<void> {
    if (!HANDLED.includes(context.event.type)) return;
    this.prepared.set(context.details, await this.prepare(context));
  }

  private async prepare(context: TransitionContext): Promise<Prepared> {
    const stage = stageOfEvent(context);
    switch (context.event.type) {
      case SIGNATURE_EVENTS.endorse:
      case SIGNATURE_EVENTS.cosponsor: {
        const as: SignatureKind = context.event.type === SIGNATURE_EVENTS.endorse ? 'signatory' : 'cosponsor';
        const payload = PayloadReader.of(context.event.payload, as === 'signatory' ? ['organisationId', 'channel', 'event'] : ['organisationId']);
        const organisationId = subjectOrganisation(context, `the ${KIND_NAME[as]}`);
        const eventReader = payload.optionalObject('event', ['name', 'date', 'location']);
        const channel = payload.optionalOneOf('channel', ['online', 'event'] as const) ?? (eventReader ? 'event' : 'online');
        if (channel === 'online' && eventReader) throw payload.fail('event', 'only for channel "event" (a signature given at a named event); leave it out for online');
        if (channel === 'event' && !eventReader) throw payload.fail('event', 'is required for channel "event": { name, date, location? }');
        const event = eventReader ? { name: eventReader.text('name', { max: 300 }), date: eventReader.date('date'), location: eventReader.optionalText('location', { max: 300 }) ?? null } : null;
        await assertBeforeDeadline(context, stage.id, organisationId, `joining as ${KIND_NAME[as]}`);
        const active = await this.active(context, as, organisationId);
        if (active) throw ParticipationException.alreadyJoined(await this.organisationName(context, organisationId), KIND_NAME[as], active.joined_at);
        const verified = as === 'signatory' && context.actor.role === 'secretariat';
        const id = randomUUID();
        context.details.signature = { id, kind: as, stage: stage.id, channel, verified };
        return { kind: 'join', id, as, stageId: stage.id, organisationId, channel, event, verified };
      }
      case SIGNATURE_EVENTS.withdraw:
      case SIGNATURE_EVENTS.withdrawCosponsor: {
        const as: SignatureKind = context.event.type === SIGNATURE_EVENTS.withdraw ? 'signatory' : 'cosponsor';
        const payload = PayloadReader.of(context.event.payload, ['organisationId', 'reason']);
        const organisationId = subjectOrganisation(context, 'the withdrawal');
        const active = await this.active(context, as, organisationId);
        if (!active) throw ParticipationException.notJoined(await this.organisationName(context, organisationId), KIND_NAME[as]);
        context.details.signature = { id: active.id, kind: as, withdrawn: true };
        return { kind: 'withdraw', signatureId: active.id, reason: payload.optionalText('reason', { max: 2000 }) ?? null };
      }
      case SIGNATURE_EVENTS.verify: {
        PayloadReader.of(context.event.payload, ['organisationId']);
        const organisationId = subjectOrganisation(context, 'the verification');
        const active = await this.active(context, 'signatory', organisationId);
        if (!active) throw ParticipationException.notJoined(await this.organisationName(context, organisationId), 'signatory');
        if (active.verification) throw ParticipationException.alreadyVerified(await this.organisationName(context, organisationId));
        context.details.signature = { id: active.id, kind: 'signatory', verified: true };
        return { kind: 'verify', signatureId: active.id };
      }
      default: {
        const payload = PayloadReader.of(context.event.payload, ['recipient', 'agendaItem', 'agendaTitle', 'symbol']);
        const id = randomUUID();
        context.details.asSubmitted = { id, stage: stage.id };
        return {
          kind: 'submit',
          id,
          stageId: stage.id,
          recipient: payload.text('recipient', { max: 500 }),
          agendaItem: payload.optionalText('agendaItem', { max: 200 }) ?? null,
          agendaTitle: payload.optionalText('agendaTitle', { max: 1000 }) ?? null,
          symbol: payload.optionalText('symbol', { max: 100 }) ?? null,
        };
      }
    }
  }

  private async active(context: TransitionContext, kind: SignatureKind, organisationId: string): Promise<ActiveSignature | undefined> {
    const [row] = await context.em.query(
      `SELECT id, joined_at, verification FROM signatures WHERE contribution_id = $1 AND kind = $2 AND organisation_id = $3 AND withdrawn_at IS NULL FOR UPDATE`,
      [context.contribution.id, kind, organisationId],
    );
    return row;
  }

  private async organisationName(context: TransitionContext, organisationId: string): Promise<string> {
    const [row] = await context.em.query(`SELECT name FROM organisations WHERE id = $1`, [organisationId]);
    return row?.name ?? organisationId;
  }

  async afterTransition(context: AppliedTransitionContext): Promise<void> {
    const prepared = this.prepared.get(context.details);
    if (!prepared) return;
    const seq = recordSeqOf(context);
    switch (prepared.kind) {
      case 'join':
        await context.em.query(
          `INSERT INTO signatures (id, contribution_id, stage_id, kind, organisation_id, channel, event_name, event_date, event_location,
                                   joined_at, joined_by, joined_by_role, verification, verified_at, verified_by, join_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
          [
            prepared.id,
            context.contribution.id,
            prepared.stageId,
            prepared.as,
            prepared.organisationId,
            prepared.channel,
            prepared.event?.name ?? null,
            prepared.event?.date ?? null,
            prepared.event?.location ?? null,
            context.occurredAt,
            context.actor.personId,
            context.actor.role,
            prepared.verified ? 'recorded_by_secretariat' : null,
            prepared.verified ? context.occurredAt : null,
            prepared.verified ? context.actor.personId : null,
            seq,
          ],
        );
        return;
      case 'withdraw':
        await context.em.query(`UPDATE signatures SET withdrawn_at = $2, withdrawn_by = $3, withdrawal_reason = $4, withdraw_seq = $5 WHERE id = $1`, [
          prepared.signatureId,
          context.occurredAt,
          context.actor.personId,
          prepared.reason,
          seq,
        ]);
        return;
      case 'verify':
        await context.em.query(`UPDATE signatures SET verification = 'verified_by_secretariat', verified_at = $2, verified_by = $3 WHERE id = $1`, [
          prepared.signatureId,
          context.occurredAt,
          context.actor.personId,
        ]);
        return;
      case 'submit': {
        const version = await this.texts.latest(context.em, context.contribution.id);
        const signatories = await this.signatories.supporters(context.em, context.contribution.id, 'signatory', context.workflow);
        const cosponsors = await this.signatories.supporters(context.em, context.contribution.id, 'cosponsor', context.workflow);
        Object.assign(context.details.asSubmitted as object, { versionId: version?.id ?? null, versionNumber: version?.number ?? null, signatories: signatories.length, cosponsors: cosponsors.length });
        await context.em.query(
          `INSERT INTO submitted_copies (id, contribution_id, stage_id, recipient, agenda_item, agenda_title, symbol, submitted_at, version_id, signatories, cosponsors, record_seq)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            prepared.id,
            context.contribution.id,
            prepared.stageId,
            prepared.recipient,
            prepared.agendaItem,
            prepared.agendaTitle,
            prepared.symbol,
            context.occurredAt,
            version?.id ?? null,
            JSON.stringify(signatories),
            JSON.stringify(cosponsors),
            seq,
          ],
        );
        return;
      }
    }
  }
}
