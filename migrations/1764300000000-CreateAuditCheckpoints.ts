import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of every chain head (append-only, like the trail itself), and the indexes
 * the auditor queries filter on: business time, the organisation an event is about, the actor,
 * no-ops and deadline firings.
 */
export class CreateAuditCheckpoints1764300000000 implements MigrationInterface {
  name = 'CreateAuditCheckpoints1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_checkpoints (
        sequence integer PRIMARY KEY CHECK (sequence > 0),
        created_at timestamptz NOT NULL,
        key_id text NOT NULL,
        previous text,
        chains integer NOT NULL,
        records bigint NOT NULL,
        heads_digest text NOT NULL,
        broken jsonb NOT NULL DEFAULT '[]',
        heads jsonb NOT NULL,
        digest text NOT NULL UNIQUE,
        signature text NOT NULL,
        public_key text NOT NULL,
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'request', 'cli')),
        requested_by uuid REFERENCES people(id),
        last_record_id bigint
      )`);
    await q.query(`
      CREATE TRIGGER audit_checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
      FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`);
    await q.query(`
      CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`);

    await q.query(`CREATE INDEX transition_records_occurred_idx ON transition_records (occurred_at)`);
    await q.query(`CREATE INDEX transition_records_organisation_idx ON transition_records (organisation_id) WHERE organisation_id IS NOT NULL`);
    await q.query(`CREATE INDEX transition_records_actor_person_idx ON transition_records (actor_person_id) WHERE actor_person_id IS NOT NULL`);
    await q.query(`CREATE INDEX transition_records_noop_idx ON transition_records (id) WHERE kind = 'noop'`);
    await q.query(`CREATE INDEX transition_records_deadline_idx ON transition_records (id) WHERE event_type LIKE 'DEADLINE.%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX transition_records_deadline_idx`);
    await q.query(`DROP INDEX transition_records_noop_idx`);
    await q.query(`DROP INDEX transition_records_actor_person_idx`);
    await q.query(`DROP INDEX transition_records_organisation_idx`);
    await q.query(`DROP INDEX transition_records_occurred_idx`);
    await q.query(`DROP TABLE audit_checkpoints`);
  }
}
