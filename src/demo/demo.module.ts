import { Module } from '@nestjs/common';
import { DemoService } from './demo.service';

/** The demo contribution `npm start` shows (DEMO=true). */
@Module({ providers: [DemoService] })
export class DemoModule {}
