import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminders and escalations (one row per deadline, generation and offset), the in-app inbox with
 * each notice's e-mail state, webhook subscriptions with their delivery log, the link from an
 * organisation's own extension to the deadline it extends, and the NOTIFY that wakes the outbox relay.
 */
export class CreateSchedulingAndNotifications1764100000000 implements MigrationInterface {
  name = 'CreateSchedulingAndNotifications1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines ADD COLUMN parent_id uuid REFERENCES deadlines(id)`);
    await q.query(`CREATE INDEX deadlines_contribution_idx ON deadlines (contribution_id, stage_id)`);

    await q.query(`
      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        deadline_id uuid NOT NULL REFERENCES deadlines(id),
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        generation integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        before_due text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'skipped', 'cancelled')),
        sent_at timestamptz,
        outcome jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (deadline_id, generation, kind, before_due)
      )`);
    await q.query(`CREATE INDEX reminders_pending_due_idx ON reminders (due_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES people(id),
        organisation_id uuid REFERENCES organisations(id),
        contribution_id uuid REFERENCES contributions(id),
        deadline_id uuid REFERENCES deadlines(id),
        kind text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        language text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        dedup_key text NOT NULL UNIQUE,
        read_at timestamptz,
        email_to text,
        email_status text NOT NULL CHECK (email_status IN ('pending', 'sent', 'logged', 'skipped', 'failed')),
        email_sent_at timestamptz,
        email_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notifications_person_idx ON notifications (person_id, created_at DESC)`);
    await q.query(`CREATE INDEX notifications_email_pending_idx ON notifications (created_at) WHERE email_status = 'pending'`);

    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        url text NOT NULL,
        secret text NOT NULL,
        events text[] NOT NULL DEFAULT '{}',
        created_by uuid REFERENCES people(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_subscriptions_organisation_idx ON webhook_subscriptions (organisation_id) WHERE disabled_at IS NULL`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscription_id uuid NOT NULL REFERENCES webhook_subscriptions(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        event text NOT NULL,
        body text NOT NULL,
        dedup_key text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
        attempts integer NOT NULL DEFAULT 0,
        last_status_code integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, created_at DESC)`);
    await q.query(`CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (created_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id),
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now(),
        status_code integer,
        error text,
        duration_ms integer NOT NULL
      )`);
    await q.query(`CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (delivery_id, attempt)`);

    // The reconciler replays the extension and invitation notices of the last day whose job Redis lost.
    await q.query(`CREATE INDEX outbox_notices_idx ON outbox (published_at) WHERE topic IN ('deadline.rescheduled', 'deadline.invited')`);

    // Every writer of the outbox wakes the relays at commit (NOTIFY is transactional and
    // collapses duplicates), so no writer has to remember to. Only for rows that schedule
    // something: a notifying commit takes a cluster-wide lock, and the transition.recorded row
    // every transition writes needs no job (the relay's poll marks those).
    await q.query(`
      CREATE FUNCTION outbox_wake_relay() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('ce_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER outbox_wake_relay AFTER INSERT ON outbox FOR EACH ROW
        WHEN (NEW.topic <> 'transition.recorded') EXECUTE FUNCTION outbox_wake_relay()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER outbox_wake_relay ON outbox`);
    await q.query(`DROP FUNCTION outbox_wake_relay()`);
    await q.query(`DROP INDEX outbox_notices_idx`);
    await q.query(`DROP TABLE webhook_delivery_attempts`);
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_subscriptions`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE reminders`);
    await q.query(`DROP INDEX deadlines_contribution_idx`);
    await q.query(`ALTER TABLE deadlines DROP COLUMN parent_id`);
  }
}
