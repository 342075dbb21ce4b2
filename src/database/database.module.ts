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
        logging: ['error'],
        extra: { application_name: `consultation-engine-${config.role}` },
      }),
    }),
  ],
})
export class DatabaseModule {}
