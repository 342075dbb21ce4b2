import { Module } from '@nestjs/common';
import { DeadlinesHook } from './deadlines.hook';
import { DeadlinesViewSection } from './deadlines.view-section';

@Module({ providers: [DeadlinesHook, DeadlinesViewSection] })
export class SchedulingModule {}
