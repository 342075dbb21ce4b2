import { Command } from 'commander';
import { AppConfig } from '../../config/app-config';
import { ensureDatabase, runMigrations } from '../../database/prepare-database.util';

export function migrateCommand(): Command {
  return new Command('migrate').description('create the database if missing and apply pending migrations').action(async () => {
    const config = AppConfig.fromEnv();
    await ensureDatabase(config.databaseUrl);
    const applied = await runMigrations(config.databaseUrl);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'the schema is up to date\n');
  });
}
