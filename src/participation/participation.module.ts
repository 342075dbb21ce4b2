import { Module } from '@nestjs/common';
import { CommentsModule } from './comments/comments.module';
import { DecisionsModule } from './decisions/decisions.module';
import { InvitationsModule } from './invitations/invitations.module';
import { QuestionnairesModule } from './questionnaires/questionnaires.module';
import { ReadingsModule } from './readings/readings.module';
import { SessionsModule } from './sessions/sessions.module';
import { SignatoriesModule } from './signatories/signatories.module';
import { TextsModule } from './texts/texts.module';

/**
 * What secretariats and participants do inside the stages, one module per domain. Each joins the
 * one transition path with a hook (validate before the machine moves, write in the same
 * transaction after), so every action is an event in the audit trail.
 */
@Module({
  imports: [TextsModule, InvitationsModule, CommentsModule, SessionsModule, DecisionsModule, SignatoriesModule, QuestionnairesModule, ReadingsModule],
  exports: [TextsModule, SignatoriesModule, QuestionnairesModule, DecisionsModule],
})
export class ParticipationModule {}
