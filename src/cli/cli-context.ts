import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { ENTITIES } from '../database/entities';
import { prepareDatabase } from '../database/prepare-database.util';

/** Operator commands need the database but not the HTTP server or queues. */
export async function withDataSource<T>(run: (dataSource: DataSource, config: AppConfig) => Promise<T>): Promise<T> {
  const config = AppConfig.fromEnv();
  await prepareDatabase(config.databaseUrl);
  const dataSource = new DataSource({ type: 'postgres', url: config.databaseUrl, entities: ENTITIES, synchronize: false, logging: false, poolSize: 2 });
  await dataSource.initialize();
  try {
    return await run(dataSource, config);
  } finally {
    await dataSource.destroy();
  }
}
