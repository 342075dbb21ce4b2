import { Module } from '@nestjs/common';
import { ParticipationModule } from '../participation/participation.module';
import { PublicParticipationController } from './public-participation.controller';
import { PublicTextService } from './public-text.service';

/** Routes without a token for what a contribution makes public (the key-stages report lives with the reports). */
@Module({ imports: [ParticipationModule], controllers: [PublicParticipationController], providers: [PublicTextService] })
export class PublicModule {}
