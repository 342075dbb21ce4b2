import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations, people and tokens; versioned workflow definitions; contributions with their
 * XState snapshot; the append-only, hash-chained transition log; deadlines and the outbox
 * the transition path writes; idempotency keys.
 */
export class CreateCoreSchema1764000000000 implements MigrationInterface {
  name = 'CreateCoreSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        country text,
        region text,
        stakeholder_type text CHECK (stakeholder_type IN (
          'government', 'international_organisation', 'private_sector', 'civil_society', 'academia', 'technical_community')),
        memberships text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX organisations_name_key ON organisations (lower(name))`);

    await q.query(`
      CREATE TABLE people (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        email text,
        role text NOT NULL CHECK (role IN ('secretariat', 'participant', 'auditor')),
        organisation_id uuid REFERENCES organisations(id),
        time_zone text NOT NULL DEFAULT 'UTC',
        language text NOT NULL DEFAULT 'en',
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role <> 'participant' OR organisation_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX people_organisation_idx ON people (organisation_id)`);

    await q.query(`
      CREATE TABLE api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        person_id uuid NOT NULL REFERENCES people(id),
        token_hash text NOT NULL UNIQUE,
        label text,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE workflow_definitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        key text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        content_hash text NOT NULL,
        source text NOT NULL,
        source_format text NOT NULL CHECK (source_format IN ('yaml', 'json')),
        definition jsonb NOT NULL,
        origin text NOT NULL DEFAULT 'api',
        created_by uuid REFERENCES people(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (key, version),
        UNIQUE (key, content_hash)
      )`);

    await q.query(`
      CREATE TABLE contributions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        definition_id uuid NOT NULL REFERENCES workflow_definitions(id),
        symbol text,
        title text NOT NULL,
        source text,
        original_language text,
        agenda_item text,
        purpose text,
        action_required text,
        snapshot jsonb NOT NULL,
        current_stages text[] NOT NULL,
        status text NOT NULL DEFAULT 'active',
        version integer NOT NULL DEFAULT 1,
        head_seq integer NOT NULL DEFAULT 0,
        head_hash text,
        created_by uuid REFERENCES people(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX contributions_symbol_key ON contributions (symbol) WHERE symbol IS NOT NULL`);
    await q.query(`CREATE INDEX contributions_definition_idx ON contributions (definition_id)`);

    await q.query(`
      CREATE TABLE transition_records (
        id bigserial PRIMARY KEY,
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        seq integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('created', 'transition', 'noop')),
        event_type text NOT NULL,
        from_stages text[] NOT NULL,
        to_stages text[] NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        details jsonb NOT NULL DEFAULT '{}',
        actor_person_id uuid,
        actor_name text,
        actor_role text NOT NULL,
        actor_organisation_id uuid,
        actor_organisation_name text,
        organisation_id uuid,
        reason text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        definition_id uuid NOT NULL,
        definition_key text NOT NULL,
        definition_version integer NOT NULL,
        contribution_version integer NOT NULL,
        prev_hash text,
        hash text NOT NULL,
        UNIQUE (contribution_id, seq)
      )`);
    await q.query(`CREATE INDEX transition_records_event_idx ON transition_records (event_type)`);
    await q.query(`CREATE INDEX transition_records_recorded_idx ON transition_records (recorded_at)`);
    await q.query(`CREATE INDEX transition_records_actor_org_idx ON transition_records (actor_organisation_id)`);

    // The database itself refuses to rewrite history; the code never asks it to.
    await q.query(`
      CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'transition_records is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER transition_records_no_update_delete BEFORE UPDATE OR DELETE ON transition_records
      FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`
      CREATE TRIGGER transition_records_no_truncate BEFORE TRUNCATE ON transition_records
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`
      CREATE TRIGGER workflow_definitions_immutable BEFORE UPDATE OR DELETE ON workflow_definitions
      FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`
      CREATE TRIGGER workflow_definitions_no_truncate BEFORE TRUNCATE ON workflow_definitions
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);

    await q.query(`
      CREATE TABLE deadlines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        organisation_id uuid REFERENCES organisations(id),
        due_at timestamptz NOT NULL,
        time_zone text NOT NULL,
        generation integer NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'cancelled')),
        reminders text[] NOT NULL DEFAULT '{}',
        escalation jsonb,
        opened_at timestamptz NOT NULL,
        fired_at timestamptz,
        late boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE UNIQUE INDEX deadlines_one_pending ON deadlines
        (contribution_id, stage_id, coalesce(organisation_id, '00000000-0000-0000-0000-000000000000'::uuid))
        WHERE status = 'pending'`);
    await q.query(`CREATE INDEX deadlines_pending_due_idx ON deadlines (due_at) WHERE status = 'pending'`);

    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        contribution_id uuid,
        status_code integer,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE deadlines`);
    await q.query(`DROP TABLE transition_records`);
    await q.query(`DROP TABLE contributions`);
    await q.query(`DROP TRIGGER workflow_definitions_immutable ON workflow_definitions`);
    await q.query(`DROP TRIGGER workflow_definitions_no_truncate ON workflow_definitions`);
    await q.query(`DROP TABLE workflow_definitions`);
    await q.query(`DROP FUNCTION refuse_audit_change()`);
    await q.query(`DROP TABLE api_tokens`);
    await q.query(`DROP TABLE people`);
    await q.query(`DROP TABLE organisations`);
  }
}
