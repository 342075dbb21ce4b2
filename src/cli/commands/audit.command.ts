import { Logger, LoggerService } from '@nestjs/common';
import { Command, Option } from 'commander';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { AuditTrailService } from '../../audit/audit-trail.service';
import { CheckpointsService } from '../../audit/checkpoints/checkpoints.service';
import { readPublicKey } from '../../audit/checkpoints/signing-key.util';
import { AuditExportService } from '../../audit/export/audit-export.service';
import { checkpointsFromJson, ExportVerification, verifyExportLines } from '../../audit/export/export-verifier.util';
import type { SignedCheckpoint } from '../../audit/checkpoints/checkpoint.util';
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

  audit
    .command('verify-file')
    .description('verify an NDJSON export (GET /audit/export) with no database: every hash chain, and every head a signed checkpoint vouches for')
    .argument('<export>', 'the .ndjson export file, or - for standard input')
    .option('--checkpoint <file>', 'a checkpoint as GET /audit/checkpoints/<n> serves it (or a list); repeat for several', collect, [])
    .option('--public-key <file>', 'the checkpoint public key you trust (GET /audit/checkpoints/public-key)')
    .option('--json', 'print the full result as JSON')
    .action(async (file: string, options: { checkpoint: string[]; publicKey?: string; json?: boolean }) => {
      const checkpoints: SignedCheckpoint[] = options.checkpoint.flatMap((path) => {
        try {
          return checkpointsFromJson(JSON.parse(readInput(path, 'checkpoint')));
        } catch (error) {
          throw new CliError(`--checkpoint ${path}: ${(error as Error).message}`);
        }
      });
      let publicKey;
      if (options.publicKey) {
        try {
          publicKey = readPublicKey(options.publicKey);
        } catch (error) {
          throw new CliError(`--public-key ${options.publicKey}: ${(error as Error).message}`);
        }
      }
      if (file !== '-' && !existsSync(file)) throw new CliError(`no export file ${file}`);
      const input = file === '-' ? process.stdin : createReadStream(file, 'utf8');
      const result = await verifyExportLines(createInterface({ input, crlfDelay: Infinity }), { checkpoints, publicKey });
      process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : summary(file, result));
      if (!result.ok) throw new CliError('the export does not verify', 1);
    });

  audit
    .command('export')
    .description('write transition records with their hashes (one contribution or all), as NDJSON for verify-file or CSV')
    .option('--contribution <id>', 'only this contribution')
    .addOption(new Option('--format <format>', 'ndjson or csv').choices(['ndjson', 'csv']).default('ndjson'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { contribution?: string; format: 'ndjson' | 'csv'; out?: string }) => {
      const summaryLine = await withDataSource(async (dataSource) => {
        const service = new AuditExportService(dataSource);
        if (options.contribution && !(await service.contributionExists(options.contribution))) throw new CliError(`no contribution ${options.contribution}`);
        const out = options.out ? createWriteStream(options.out) : process.stdout;
        const written = await service.write(out, { format: options.format, contributionId: options.contribution });
        if (options.out) {
          out.end();
          await finished(out);
        }
        return `${written.records} records of ${written.contributions} contributions${options.out ? ` written to ${options.out}` : ''}\n`;
      });
      process.stderr.write(summaryLine);
    });

  audit
    .command('checkpoint')
    .description('sign a checkpoint of every chain head now, with the key at CHECKPOINT_KEY_PATH')
    .action(async () => {
      Logger.overrideLogger(STDERR_LOGGER);
      const checkpoint = await withDataSource((dataSource, config) => new CheckpointsService(dataSource, config).create('cli'));
      const { heads: _heads, ...rest } = checkpoint!;
      process.stdout.write(`${JSON.stringify(rest, null, 2)}\n`);
    });
  return audit;
}

/** The services log as they do in the server; on the command line that goes to stderr, leaving stdout to the result. */
const STDERR_LOGGER: LoggerService = Object.fromEntries(
  (['log', 'warn', 'error', 'debug', 'verbose', 'fatal'] as const).map((level) => [
    level,
    (message: unknown, ...rest: unknown[]) => process.stderr.write(`${level === 'log' ? '' : `${level}: `}${String(message)}${rest.length ? ` [${rest.filter((r) => typeof r === 'string').join(' ')}]` : ''}\n`),
  ]),
) as unknown as LoggerService;

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function readInput(path: string, what: string): string {
  if (!existsSync(path)) throw new CliError(`no ${what} file ${path}`);
  return readFileSync(path, 'utf8');
}

function summary(file: string, result: ExportVerification): string {
  const lines = [`${file}: ${result.records} records of ${result.contributions} contributions`];
  for (const checkpoint of result.checkpoints) {
    lines.push(`checkpoint #${checkpoint.sequence} (${checkpoint.createdAt}): ${checkpoint.ok ? `signature valid${checkpoint.pinned ? ' (trusted key)' : ''}` : `REFUSED: ${checkpoint.problems.join('; ')}`}`);
  }
  if (result.coverage.latestCheckpoint !== null) {
    lines.push(`checkpoints vouch for ${result.coverage.recordsCovered} records of ${result.coverage.contributionsCovered} contributions; later records rest on the hash chain alone`);
  }
  for (const note of result.notes) lines.push(`note: ${note}`);
  if (result.ok) lines.push('OK: every chain verifies');
  else {
    lines.push(`FAILED: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; the first:`, `  ${result.firstProblem?.message ?? 'a checkpoint was refused'}`);
    for (const problem of result.problems.slice(1, 20)) lines.push(`  also: ${problem.message}`);
  }
  return `${lines.join('\n')}\n`;
}
