import { Module } from '@nestjs/common';
import { TextsModule } from '../texts/texts.module';
import { SignatoriesController } from './signatories.controller';
import { SignatoriesHook } from './signatories.hook';
import { SignatoriesService } from './signatories.service';

/** Open endorsement and co-sponsorship: joining, withdrawing, verification, the public lists, the frozen "as submitted" copy. */
@Module({ imports: [TextsModule], controllers: [SignatoriesController], providers: [SignatoriesHook, SignatoriesService], exports: [SignatoriesService] })
export class SignatoriesModule {}
