import 'reflect-metadata';
import { Command } from 'commander';
import { InvalidConfigurationError } from '../config/app-config';
import { CliError } from './cli-error';
import { auditCommand } from './commands/audit.command';
import { migrateCommand } from './commands/migrate.command';
import { tokenCommand } from './commands/token-create.command';
import { validateCommand } from './commands/validate.command';

/** Operator CLI: npm run cli -- <command>. Results on stdout, diagnostics on stderr. */
export function buildCli(): Command {
  return new Command('consultation-engine')
    .description('Consultation Engine operator commands')
    .showHelpAfterError()
    .addCommand(tokenCommand())
    .addCommand(validateCommand())
    .addCommand(auditCommand())
    .addCommand(migrateCommand());
}

if (require.main === module) {
  buildCli()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      if (error instanceof CliError || error instanceof InvalidConfigurationError) {
        process.stderr.write(`${error.message}\n`);
        process.exit(error instanceof CliError ? error.exitCode : 78);
      }
      process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
      process.exit(1);
    });
}
