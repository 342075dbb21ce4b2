import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { ENTITIES } from './entities';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        type: 'postgres',
        url: config.databaseUrl,
        entities: ENTITIES,
        // Schema changes go through migrations/, run before the app starts (see prepare-database.util.ts).
        synchronize: false,
        migrationsRun: false,
        poolSize: config.dbPoolSize,
        // Off: expected conflicts (unique violations answered 409) would print raw SQL outside pino; real faults reach the exception filter and job logs.
        logging: false,
        extra: { application_name: `consultation-engine-${config.role}` },
      }),
    }),
  ],
})
export class DatabaseModule {}
