import { Module } from '@nestjs/common';
import { ParticipationEvents } from './participation-events.service';

@Module({ providers: [ParticipationEvents], exports: [ParticipationEvents] })
export class ParticipationSharedModule {}
