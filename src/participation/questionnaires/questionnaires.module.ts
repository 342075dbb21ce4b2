import { Module } from '@nestjs/common';
import { QuestionnairesController } from './questionnaires.controller';
import { QuestionnairesHook } from './questionnaires.hook';
import { QuestionnairesService } from './questionnaires.service';

/** Calls for inputs: numbered questions, one submission per organisation, consent to publish, counts. */
@Module({ controllers: [QuestionnairesController], providers: [QuestionnairesHook, QuestionnairesService], exports: [QuestionnairesService] })
export class QuestionnairesModule {}
