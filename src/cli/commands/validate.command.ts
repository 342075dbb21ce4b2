import { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { parseDefinition } from '../../workflows/definition/parse-definition.util';
import { CliError } from '../cli-error';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check a workflow definition file; prints each error with its path and exits non-zero if any')
    .argument('<file>', 'a YAML or JSON workflow definition')
    .action(async (file: string) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
      }
      const result = parseDefinition(text);
      if (!result.ok) {
        for (const error of result.errors) {
          const where = [error.path, error.line ? `(line ${error.line})` : ''].filter(Boolean).join(' ');
          process.stdout.write(`${file}: ${where ? `${where}: ` : ''}${error.message}\n`);
        }
        throw new CliError(`${result.errors.length} error${result.errors.length === 1 ? '' : 's'} in ${file}`, 1);
      }
      const count = (stages: typeof result.definition.stages): number =>
        stages.reduce((sum, stage) => sum + 1 + (stage.regions ?? []).reduce((n, region) => n + count(region.stages), 0), 0);
      process.stdout.write(`${file}: valid workflow "${result.definition.key}" with ${count(result.definition.stages)} stages\n`);
    });
}
