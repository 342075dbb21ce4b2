import { Command, Option } from 'commander';
import { IANAZone } from 'luxon';
import { PERSON_ROLES, PersonRole } from '../../auth/entities/person.entity';
import { TokensService } from '../../auth/tokens.service';
import { OrganisationsService } from '../../organisations/organisations.service';
import { withDataSource } from '../cli-context';
import { CliError } from '../cli-error';

export function tokenCommand(): Command {
  const token = new Command('token').description('manage bearer tokens');
  token
    .command('create')
    .description('create a person and print their bearer token (alone, on stdout)')
    .addOption(new Option('--role <role>', 'secretariat, participant or auditor').choices([...PERSON_ROLES]).makeOptionMandatory())
    .option('--org <organisation name>', 'the organisation the person acts for (created if new; required for participants)')
    .option('--name <name>', 'the person name shown in the audit trail')
    .option('--email <address>', 'where e-mail notifications go')
    .option('--tz <zone>', 'IANA time zone for the deadlines shown to this person', 'UTC')
    .option('--lang <language>', 'preferred language, e.g. en, fr, ru', 'en')
    .action(async (options: { role: PersonRole; org?: string; name?: string; email?: string; tz: string; lang: string }) => {
      if (options.role === 'participant' && !options.org) throw new CliError('--org is required for a participant: name the organisation they act for');
      if (!IANAZone.isValidZone(options.tz)) throw new CliError(`--tz: "${options.tz}" is not an IANA time zone; use e.g. Europe/Zurich`);
      const created = await withDataSource((dataSource) =>
        new TokensService(dataSource, new OrganisationsService(dataSource)).create({
          role: options.role,
          organisationName: options.org,
          name: options.name,
          email: options.email,
          timeZone: options.tz,
          language: options.lang,
          label: 'cli',
        }),
      );
      process.stdout.write(`${created.token}\n`);
    });
  return token;
}
