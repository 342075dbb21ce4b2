import { Module } from '@nestjs/common';
import { WebPagesController } from './web-pages.controller';
import { WebPages } from './web-pages';

/** The web pages for the secretariat, participants, auditors and the public, under /app/. */
@Module({
  controllers: [WebPagesController],
  providers: [WebPages],
})
export class WebModule {}
