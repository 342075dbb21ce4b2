import { Module } from '@nestjs/common';
import { InvitationsController } from './invitations.controller';
import { InvitationsHook } from './invitations.hook';
import { InvitationsService } from './invitations.service';

/** Invitations per stage: who was asked to respond, and who did. */
@Module({ controllers: [InvitationsController], providers: [InvitationsHook, InvitationsService] })
export class InvitationsModule {}
