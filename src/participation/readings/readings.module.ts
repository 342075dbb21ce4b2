import { Module } from '@nestjs/common';
import { TextsModule } from '../texts/texts.module';
import { ReadingsController } from './readings.controller';
import { ReadingsHook } from './readings.hook';
import { ReadingsService } from './readings.service';

/** Negotiation by readings at dated meetings in named rooms. */
@Module({ imports: [TextsModule], controllers: [ReadingsController], providers: [ReadingsHook, ReadingsService] })
export class ReadingsModule {}
