import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Notice, renderNotice } from './message-render.util';
import { NOTIFICATION_TOPICS } from './notification-topics';
import { contributionPageUrl } from './contribution-page-url.util';

export interface Recipient {
  personId: string;
  name: string;
  email: string | null;
  language: string;
  timeZone: string;
  organisationId: string | null;
  organisationName: string | null;
}

export interface NoticeDelivery {
  /** New inbox entries (a re-run finds them already there and adds none). */
  people: number;
  emails: number;
  webhooks: number;
}

/** What a notice carries besides its rendering: the deadline it is about and a stable key. */
export interface NoticeTarget {
  notice: Notice;
  /** Unique per notice occurrence (e.g. `reminder:<id>`); per person and per subscription it is suffixed. */
  key: string;
  deadlineId: string | null;
  /** Facts for the webhook body and the inbox item (ids, instants). */
  data: Record<string, unknown>;
}

/**
 * Turns one notice into deliveries, inside the caller's transaction: an inbox entry per person
 * (rendered in their language and time zone), an e-mail job per person with an address, and a
 * signed webhook delivery per subscription of the organisations concerned. Deliveries are
 * de-duplicated by key, so running the same notice twice delivers nothing new; e-mails and
 * webhooks leave through the outbox, so they are sent only if this transaction commits.
 */
@Injectable()
export class NotifierService {
  constructor(private readonly config: AppConfig) {}

  /** People acting for these organisations (participants), with what rendering needs. */
  async participantsOf(em: EntityManager, organisationIds: string[]): Promise<Recipient[]> {
    if (organisationIds.length === 0) return [];
    return recipients(
      await em.query(
        `SELECT p.id, p.name, p.email, p.language, p.time_zone, p.organisation_id, o.name AS organisation_name
           FROM people p JOIN organisations o ON o.id = p.organisation_id
          WHERE p.organisation_id = ANY($1::uuid[]) AND p.role = 'participant' ORDER BY o.name, p.name`,
        [organisationIds],
      ),
    );
  }

  /**
   * The secretariat running a contribution: whoever opened it or moved it. When nobody did
   * (opened by the engine), every secretariat person.
   */
  async secretariatOf(em: EntityManager, contributionId: string): Promise<Recipient[]> {
    const involved = recipients(
      await em.query(
        `SELECT p.id, p.name, p.email, p.language, p.time_zone, p.organisation_id, NULL AS organisation_name FROM people p
          WHERE p.role = 'secretariat' AND (
            p.id = (SELECT created_by FROM contributions WHERE id = $1)
            OR p.id IN (SELECT actor_person_id FROM transition_records WHERE contribution_id = $1 AND actor_role = 'secretariat'))
          ORDER BY p.name`,
        [contributionId],
      ),
    );
    if (involved.length > 0) return involved;
    return recipients(
      await em.query(`SELECT id, name, email, language, time_zone, organisation_id, NULL AS organisation_name FROM people WHERE role = 'secretariat' ORDER BY name`),
    );
  }

  async organisationNames(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; name: string }> = await em.query(`SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Notifies every participant of these organisations, and each organisation's webhooks once. */
  async notifyOrganisations(em: EntityManager, target: NoticeTarget, organisationIds: string[]): Promise<NoticeDelivery> {
    const people = await this.participantsOf(em, organisationIds);
    const delivery = await this.notifyPeople(em, target, people);
    delivery.webhooks = await this.queueWebhooks(em, target, organisationIds);
    return delivery;
  }

  async notifyPeople(em: EntityManager, target: NoticeTarget, people: Recipient[]): Promise<NoticeDelivery> {
    if (people.length === 0) return { people: 0, emails: 0, webhooks: 0 };
    const notice = this.withLink(target.notice);
    const rows = people.map((person) => {
      const message = renderNotice({ ...notice, organisationName: person.organisationName ?? notice.organisationName }, person);
      return {
        id: randomUUID(),
        person_id: person.personId,
        organisation_id: person.organisationId,
        contribution_id: target.notice.contribution.id,
        deadline_id: target.deadlineId,
        kind: target.notice.kind,
        subject: message.subject,
        body: message.text,
        language: message.language,
        data: target.data,
        dedup_key: `${target.key}:${person.personId}`,
        email_to: person.email,
        email_status: person.email ? 'pending' : 'skipped',
      };
    });
    const inserted: Array<{ id: string; email_status: string }> = await em.query(
      `INSERT INTO notifications (id, person_id, organisation_id, contribution_id, deadline_id, kind, subject, body, language, data, dedup_key, email_to, email_status)
       SELECT id, person_id, organisation_id, contribution_id, deadline_id, kind, subject, body, language, data, dedup_key, email_to, email_status
         FROM jsonb_to_recordset($1::jsonb) AS n(id uuid, person_id uuid, organisation_id uuid, contribution_id uuid, deadline_id uuid, kind text,
              subject text, body text, language text, data jsonb, dedup_key text, email_to text, email_status text)
       ON CONFLICT (dedup_key) DO NOTHING
       RETURNING id, email_status`,
      [JSON.stringify(rows)],
    );
    const emails = inserted.filter((row) => row.email_status === 'pending').map((row) => row.id);
    if (emails.length > 0) {
      await em.query(
        `INSERT INTO outbox (topic, payload) SELECT $1, jsonb_build_object('notificationId', id) FROM unnest($2::uuid[]) AS id`,
        [NOTIFICATION_TOPICS.email, emails],
      );
    }
    return { people: inserted.length, emails: emails.length, webhooks: 0 };
  }

  private withLink(notice: Notice): Notice {
    return notice.link ? notice : { ...notice, link: contributionPageUrl(this.config.publicBaseUrl, notice.contribution.id) };
  }

  /** One delivery per active subscription of each organisation that wants this kind of notice. */
  private async queueWebhooks(em: EntityManager, target: NoticeTarget, organisationIds: string[]): Promise<number> {
    if (organisationIds.length === 0) return 0;
    const subscriptions: Array<{ id: string; organisation_id: string; organisation_name: string }> = await em.query(
      `SELECT s.id, s.organisation_id, o.name AS organisation_name FROM webhook_subscriptions s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.organisation_id = ANY($1::uuid[]) AND s.disabled_at IS NULL AND (cardinality(s.events) = 0 OR $2 = ANY(s.events))`,
      [organisationIds, target.notice.kind],
    );
    if (subscriptions.length === 0) return 0;
    const createdAt = new Date().toISOString();
    const rows = subscriptions.map((subscription) => {
      const id = randomUUID();
      const english = renderNotice({ ...this.withLink(target.notice), organisationName: subscription.organisation_name }, { language: 'en', timeZone: target.notice.deadlineTimeZone });
      // The body is fixed once: every retry sends (and signs) exactly the same bytes.
      const body = JSON.stringify({
        id,
        type: target.notice.kind,
        createdAt,
        organisation: { id: subscription.organisation_id, name: subscription.organisation_name },
        contribution: { ...target.notice.contribution, url: `${this.config.publicBaseUrl}/contributions/${target.notice.contribution.id}` },
        stage: target.notice.stage,
        deadline: { dueAt: target.notice.dueAt.toISOString(), timeZone: target.notice.deadlineTimeZone },
        ...target.data,
        message: { subject: english.subject, text: english.text },
      });
      return { id, subscription_id: subscription.id, organisation_id: subscription.organisation_id, event: target.notice.kind, body, dedup_key: `${target.key}:${subscription.id}` };
    });
    const inserted: Array<{ id: string }> = await em.query(
      `INSERT INTO webhook_deliveries (id, subscription_id, organisation_id, event, body, dedup_key)
       SELECT id, subscription_id, organisation_id, event, body, dedup_key
         FROM jsonb_to_recordset($1::jsonb) AS d(id uuid, subscription_id uuid, organisation_id uuid, event text, body text, dedup_key text)
       ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
      [JSON.stringify(rows)],
    );
    if (inserted.length > 0) {
      await em.query(
        `INSERT INTO outbox (topic, payload) SELECT $1, jsonb_build_object('deliveryId', id) FROM unnest($2::uuid[]) AS id`,
        [NOTIFICATION_TOPICS.webhook, inserted.map((row) => row.id)],
      );
    }
    return inserted.length;
  }
}

function recipients(
  rows: Array<{ id: string; name: string; email: string | null; language: string; time_zone: string; organisation_id: string | null; organisation_name: string | null }>,
): Recipient[] {
  return rows.map((row) => ({
    personId: row.id,
    name: row.name,
    email: row.email,
    language: row.language,
    timeZone: row.time_zone,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
  }));
}
