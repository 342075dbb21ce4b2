import { Command } from 'commander';
import { AuditTrailService } from '../../audit/audit-trail.service';
import { withDataSource } from '../cli-context';
import { CliError } from '../cli-error';

export function auditCommand(): Command {
  const audit = new Command('audit').description('audit trail tools');
  audit
    .command('verify')
    .description('recompute the hash chains in the database and report the first broken link of each')
    .option('--contribution <id>', 'only this contribution')
    .action(async (options: { contribution?: string }) => {
      const result = await withDataSource(async (dataSource) => {
        const service = new AuditTrailService(dataSource);
        if (!options.contribution) return service.verifyAll();
        const one = await service.verifyContribution(options.contribution);
        if (!one) throw new CliError(`no contribution ${options.contribution}`);
        return one;
      });
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      if (!result.ok) throw new CliError('the audit trail does not verify', 1);
    });
  return audit;
}
