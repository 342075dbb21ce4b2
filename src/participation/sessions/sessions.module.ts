import { Module } from '@nestjs/common';
import { TextsModule } from '../texts/texts.module';
import { SessionsController } from './sessions.controller';
import { SessionsHook } from './sessions.hook';
import { SessionsService } from './sessions.service';

/** Editorial sessions: presentations, a disposition per comment, the finalised text; the resolution matrix. */
@Module({ imports: [TextsModule], controllers: [SessionsController], providers: [SessionsHook, SessionsService] })
export class SessionsModule {}
