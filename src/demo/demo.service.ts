import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { Actor } from '../auth/actor';
import { generateToken, hashToken } from '../auth/token.util';
import { TokensService } from '../auth/tokens.service';
import { AppConfig } from '../config/app-config';
import { TransitionService } from '../contributions/transition.service';
import { WorkflowsService } from '../workflows/workflows.service';

/** The demo's draft: written for the demo, shaped like the declarations in the seeds. */
const DEMO_PARAGRAPHS = [
  'We, the participants of this demonstration, recall the outcomes of the World Summit on the Information Society.',
  'We recognise that affordable, secure and meaningful connectivity remains out of reach for many.',
  'We call upon all stakeholders to contribute to the review of the Summit outcomes before its deadline.',
];

export const DEMO_WORKFLOW_FILE = 'demo-quick-round.yaml';
export const DEMO_WORKFLOW = 'demo-quick-round';
/** Only one process at a time decides whether a demo contribution is needed. */
const DEMO_LOCK_KEY = 7_410_262_027;

interface DemoPerson {
  name: string;
  role: 'secretariat' | 'participant' | 'auditor';
  organisation?: string;
  email: string;
  language: string;
  timeZone: string;
}

const SECRETARIAT: DemoPerson = { name: 'Demo secretariat', role: 'secretariat', email: 'secretariat@demo.example', language: 'en', timeZone: 'Europe/Zurich' };
const AUDITOR: DemoPerson = { name: 'Demo auditor', role: 'auditor', email: 'auditor@demo.example', language: 'en', timeZone: 'Europe/Zurich' };
const PARTICIPANTS: DemoPerson[] = [
  { name: 'Desk officer, France', role: 'participant', organisation: 'Demo Administration of France', email: 'desk@france.demo.example', language: 'fr', timeZone: 'Europe/Paris' },
  { name: 'Desk officer, Kazakhstan', role: 'participant', organisation: 'Demo Administration of Kazakhstan', email: 'desk@kazakhstan.demo.example', language: 'ru', timeZone: 'Asia/Almaty' },
  { name: 'Desk officer, Kenya', role: 'participant', organisation: 'Demo Ministry of Kenya', email: 'desk@kenya.demo.example', language: 'en', timeZone: 'Africa/Nairobi' },
];

export interface DemoRun {
  contributionId: string;
  created: boolean;
  dueAt: Date;
}

/**
 * With DEMO=true (the default for `npm start`), an API process makes sure one demo contribution
 * is running: a comment round that closes 45 s after it opens, three invited administrations
 * (French, Russian and English speakers in their own time zones), one of which responds, so
 * reminders, an escalation and the automatic close all happen within a minute. A restart while
 * the round is open reuses it; once it has closed, a restart opens a new one. It prints fresh
 * tokens and the web pages' addresses with them, so the dashboard, the inbox, the audit trail and
 * the queue dashboard can be looked at straight away.
 */
@Injectable()
export class DemoService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly workflows: WorkflowsService,
    private readonly transitions: TransitionService,
    private readonly tokens: TokensService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.demo || !this.config.runsApi) return;
    await this.ensure();
  }

  async ensure(): Promise<DemoRun> {
    const source = await readFile(join(resolve(this.config.workflowsDir), DEMO_WORKFLOW_FILE), 'utf8');
    await this.workflows.register(source, { origin: `shipped:${DEMO_WORKFLOW_FILE}` });
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [DEMO_LOCK_KEY]);
      const secretariat = await this.person(SECRETARIAT);
      const participants = await Promise.all(PARTICIPANTS.map((person) => this.person(person)));
      const auditor = await this.person(AUDITOR);
      const running = await this.running();
      const run = running ? { ...running, created: false } : await this.open(secretariat, participants);
      await this.announce(run, secretariat, participants[0], auditor);
      return run;
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [DEMO_LOCK_KEY]).catch(() => undefined);
      await lock.release();
    }
  }

  private async running(): Promise<{ contributionId: string; dueAt: Date } | undefined> {
    const [row]: Array<{ id: string; due_at: Date }> = await this.dataSource.query(
      `SELECT c.id, d.due_at FROM contributions c
         JOIN workflow_definitions w ON w.id = c.definition_id
         JOIN deadlines d ON d.contribution_id = c.id AND d.status = 'pending'
        WHERE w.key = $1 AND c.status = 'active' ORDER BY c.created_at DESC LIMIT 1`,
      [DEMO_WORKFLOW],
    );
    return row ? { contributionId: row.id, dueAt: row.due_at } : undefined;
  }

  private async open(secretariat: Actor, participants: Actor[]): Promise<DemoRun> {
    // Numbered, not timestamped: two rounds can open within a second (a round that closed, a restart).
    const [{ n }] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM contributions c JOIN workflow_definitions w ON w.id = c.definition_id WHERE w.key = $1`,
      [DEMO_WORKFLOW],
    );
    const created = await this.transitions.create(
      {
        workflow: DEMO_WORKFLOW,
        symbol: `DEMO-${n + 1}`,
        title: 'Demo declaration on WSIS+20',
        source: 'Demo secretariat',
        purpose: 'Shows deadlines, reminders, an escalation and an automatic close within a minute',
      },
      secretariat,
    );
    const id = created.contribution.id;
    // A text with paragraphs, so the participant page can comment on one of them.
    await this.transitions.apply(id, { type: 'RECORD_VERSION', payload: { label: 'draft', paragraphs: DEMO_PARAGRAPHS.map((text) => ({ text })) } }, secretariat);
    await this.transitions.apply(id, { type: 'SHARE_DRAFT', reason: 'demo: the draft goes out for comments' }, secretariat);
    await this.transitions.apply(id, { type: 'INVITE', payload: { organisationIds: participants.map((p) => p.organisationId) } }, secretariat);
    await this.transitions.apply(id, { type: 'COMMENT', payload: { text: 'We support the draft and propose no change.' } }, participants[2]);
    const [{ due_at: dueAt }] = await this.dataSource.query(`SELECT due_at FROM deadlines WHERE contribution_id = $1 AND status = 'pending'`, [id]);
    return { contributionId: id, created: true, dueAt };
  }

  private async announce(run: DemoRun, secretariat: Actor, participant: Actor, auditor: Actor): Promise<void> {
    const base = this.config.publicBaseUrl;
    const id = run.contributionId;
    const [secretariatToken, participantToken, auditorToken] = await Promise.all([this.issueToken(secretariat), this.issueToken(participant), this.issueToken(auditor)]);
    const seconds = Math.max(0, Math.round((run.dueAt.getTime() - Date.now()) / 1000));
    const lines = [
      `${run.created ? 'opened' : 'still running'}: ${base}/contributions/${run.contributionId}`,
      `its comment round closes at ${run.dueAt.toISOString()} (in ${seconds} s); reminders go 30 s and 15 s before to the two administrations that have not responded, an escalation to the secretariat 20 s before`,
      `secretariat token: ${secretariatToken}`,
      `participant token (${participant.organisationName}, French, Europe/Paris): ${participantToken}`,
      `inbox:        curl -H "Authorization: Bearer ${participantToken}" ${base}/me/notifications`,
      `audit trail:  curl -H "Authorization: Bearer ${secretariatToken}" ${base}/contributions/${run.contributionId}/transitions`,
      `calendar:     ${base}/me/calendar.ics?token=${participantToken}`,
      `queues:       ${base}/queues?token=${secretariatToken}`,
      `web pages (open in a browser; each token moves out of the address into the tab's session):`,
      `  secretariat dashboard: ${base}/app/secretariat?contribution=${id}&token=${secretariatToken}`,
      `  participant inbox:     ${base}/app/participant?contribution=${id}&token=${participantToken}`,
      `  auditor timeline:      ${base}/app/auditor?contribution=${id}&token=${auditorToken}`,
      `  public page:           ${base}/app/public/${id}`,
    ];
    for (const line of lines) this.logger.log(line);
  }

  /** The demo people are found by name, or created once. */
  private async person(person: DemoPerson): Promise<Actor> {
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `SELECT p.id FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id
        WHERE p.name = $1 AND p.role = $2 AND ($3::text IS NULL OR o.name = $3) ORDER BY p.created_at LIMIT 1`,
      [person.name, person.role, person.organisation ?? null],
    );
    const personId =
      row?.id ??
      (
        await this.tokens.create({
          role: person.role,
          name: person.name,
          organisationName: person.organisation,
          email: person.email,
          language: person.language,
          timeZone: person.timeZone,
          label: 'demo',
        })
      ).person.id;
    const [actor]: Array<{ id: string; name: string; role: DemoPerson['role']; organisation_id: string | null; organisation_name: string | null }> =
      await this.dataSource.query(
        `SELECT p.id, p.name, p.role, p.organisation_id, o.name AS organisation_name FROM people p LEFT JOIN organisations o ON o.id = p.organisation_id WHERE p.id = $1`,
        [personId],
      );
    return { personId: actor.id, name: actor.name, role: actor.role, organisationId: actor.organisation_id, organisationName: actor.organisation_name, tokenId: null };
  }

  /** A fresh token for an existing demo person, printed once in the log (only its hash is kept). */
  private async issueToken(actor: Actor): Promise<string> {
    const token = generateToken();
    await this.dataSource.query(`INSERT INTO api_tokens (person_id, token_hash, label) VALUES ($1, $2, 'demo')`, [actor.personId, hashToken(token)]);
    return token;
  }
}
