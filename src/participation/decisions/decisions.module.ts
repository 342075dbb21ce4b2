import { Module } from '@nestjs/common';
import { TextsModule } from '../texts/texts.module';
import { DecisionsController } from './decisions.controller';
import { DecisionsHook } from './decisions.hook';
import { DecisionsService } from './decisions.service';

/** Body decisions at dated meetings of named bodies. */
@Module({ imports: [TextsModule], controllers: [DecisionsController], providers: [DecisionsHook, DecisionsService], exports: [DecisionsService] })
export class DecisionsModule {}
