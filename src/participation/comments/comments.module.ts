import { Module } from '@nestjs/common';
import { ParticipationSharedModule } from '../shared/participation-shared.module';
import { TextsModule } from '../texts/texts.module';
import { CommentsController } from './comments.controller';
import { CommentsHook } from './comments.hook';
import { CommentsService } from './comments.service';

/** Comment rounds: comments and proposals anchored to paragraphs, edits and withdrawals until the deadline, "no comment". */
@Module({
  imports: [TextsModule, ParticipationSharedModule],
  controllers: [CommentsController],
  providers: [CommentsHook, CommentsService],
  exports: [CommentsService],
})
export class CommentsModule {}
