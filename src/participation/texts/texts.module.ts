import { Module } from '@nestjs/common';
import { ParticipationSharedModule } from '../shared/participation-shared.module';
import { TextsController } from './texts.controller';
import { TextsHook } from './texts.hook';
import { TextsService } from './texts.service';

/** Text versions with stable paragraph ids, and their paragraph-by-paragraph diff. */
@Module({
  imports: [ParticipationSharedModule],
  controllers: [TextsController],
  providers: [TextsService, TextsHook],
  exports: [TextsService],
})
export class TextsModule {}
