import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What participants and secretariats do inside the stages, each row written by the transition
 * path in the same transaction as its audit record (`record_seq` is that record's seq):
 * text versions with stable paragraph ids, invitations, comments and "no comment" declarations,
 * editorial sessions with presentations and dispositions, body decisions, signatures (signatories
 * and co-sponsors) with the frozen "as submitted" copy, questionnaires, readings.
 */
export class CreateParticipation1764200000000 implements MigrationInterface {
  name = 'CreateParticipation1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE text_versions (
        id uuid PRIMARY KEY,
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        number integer NOT NULL CHECK (number > 0),
        label text,
        stage_id text NOT NULL,
        author_person_id uuid REFERENCES people(id),
        author_name text NOT NULL,
        author_role text NOT NULL,
        created_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL,
        shared_at timestamptz,
        record_seq integer NOT NULL,
        UNIQUE (contribution_id, number)
      )`);
    await q.query(`
      CREATE TABLE text_paragraphs (
        version_id uuid NOT NULL REFERENCES text_versions(id),
        position integer NOT NULL CHECK (position > 0),
        paragraph_id uuid NOT NULL,
        text text NOT NULL,
        PRIMARY KEY (version_id, position),
        UNIQUE (version_id, paragraph_id)
      )`);
    await q.query(`CREATE INDEX text_paragraphs_paragraph_idx ON text_paragraphs (paragraph_id)`);

    await q.query(`
      CREATE TABLE invitations (
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        invited_at timestamptz NOT NULL,
        invited_by uuid REFERENCES people(id),
        record_seq integer NOT NULL,
        PRIMARY KEY (contribution_id, stage_id, organisation_id)
      )`);

    await q.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY,
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        version_id uuid REFERENCES text_versions(id),
        paragraph_id uuid,
        text text NOT NULL,
        proposed_text text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
        author_person_id uuid REFERENCES people(id),
        author_name text NOT NULL,
        author_role text NOT NULL,
        submitted_at timestamptz NOT NULL,
        edited_at timestamptz,
        revision integer NOT NULL DEFAULT 1,
        withdrawn_at timestamptz,
        record_seq integer NOT NULL,
        CHECK (paragraph_id IS NULL OR version_id IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX comments_contribution_idx ON comments (contribution_id, stage_id, submitted_at)`);
    await q.query(`CREATE INDEX comments_organisation_idx ON comments (organisation_id)`);

    await q.query(`
      CREATE TABLE no_comment_declarations (
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        declared_at timestamptz NOT NULL,
        declared_by uuid REFERENCES people(id),
        record_seq integer NOT NULL,
        PRIMARY KEY (contribution_id, stage_id, organisation_id)
      )`);

    await q.query(`
      CREATE TABLE editorial_sessions (
        id uuid PRIMARY KEY,
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        body text,
        meeting_date date NOT NULL,
        location text,
        opened_at timestamptz NOT NULL,
        finalised_at timestamptz,
        outcome_version_id uuid REFERENCES text_versions(id),
        closed_at timestamptz,
        record_seq integer NOT NULL
      )`);
    // One session per visit of an editorial stage: the open one is the current meeting.
    await q.query(`CREATE UNIQUE INDEX editorial_sessions_open ON editorial_sessions (contribution_id, stage_id) WHERE closed_at IS NULL`);

    await q.query(`
      CREATE TABLE session_presentations (
        id uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES editorial_sessions(id),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        summary text,
        comment_ids uuid[] NOT NULL DEFAULT '{}',
        presented_at timestamptz NOT NULL,
        record_seq integer NOT NULL
      )`);
    await q.query(`CREATE INDEX session_presentations_session_idx ON session_presentations (session_id)`);

    await q.query(`
      CREATE TABLE comment_dispositions (
        id uuid PRIMARY KEY,
        comment_id uuid NOT NULL REFERENCES comments(id),
        session_id uuid NOT NULL REFERENCES editorial_sessions(id),
        disposition text NOT NULL CHECK (disposition IN ('accepted', 'accepted_with_changes', 'not_accepted', 'noted')),
        rationale text NOT NULL,
        decided_at timestamptz NOT NULL,
        recorded_by uuid REFERENCES people(id),
        record_seq integer NOT NULL,
        UNIQUE (comment_id, session_id)
      )`);

    await q.query(`
      CREATE TABLE body_decisions (
        id uuid PRIMARY KEY,
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        outcome text NOT NULL,
        body text,
        meeting_date date NOT NULL,
        meeting_location text,
        version_id uuid REFERENCES text_versions(id),
        decided_at timestamptz NOT NULL,
        recorded_by uuid REFERENCES people(id),
        record_seq integer NOT NULL
      )`);
    await q.query(`CREATE INDEX body_decisions_contribution_idx ON body_decisions (contribution_id, decided_at)`);

    await q.query(`
      CREATE TABLE signatures (
        id uuid PRIMARY KEY,
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('signatory', 'cosponsor')),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        channel text NOT NULL CHECK (channel IN ('online', 'event')),
        event_name text,
        event_date date,
        event_location text,
        joined_at timestamptz NOT NULL,
        joined_by uuid REFERENCES people(id),
        joined_by_role text NOT NULL,
        verification text CHECK (verification IN ('recorded_by_secretariat', 'verified_by_secretariat')),
        verified_at timestamptz,
        verified_by uuid REFERENCES people(id),
        withdrawn_at timestamptz,
        withdrawn_by uuid REFERENCES people(id),
        withdrawal_reason text,
        join_seq integer NOT NULL,
        withdraw_seq integer,
        CHECK (channel = 'online' OR event_name IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX signatures_active ON signatures (contribution_id, kind, organisation_id) WHERE withdrawn_at IS NULL`);
    await q.query(`CREATE INDEX signatures_order_idx ON signatures (contribution_id, kind, joined_at, join_seq)`);

    await q.query(`
      CREATE TABLE submitted_copies (
        id uuid PRIMARY KEY,
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        recipient text NOT NULL,
        agenda_item text,
        agenda_title text,
        symbol text,
        submitted_at timestamptz NOT NULL,
        version_id uuid REFERENCES text_versions(id),
        signatories jsonb NOT NULL,
        cosponsors jsonb NOT NULL,
        record_seq integer NOT NULL
      )`);
    await q.query(`
      CREATE FUNCTION refuse_frozen_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is frozen: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['submitted_copies', 'text_versions', 'text_paragraphs']) {
      // A version's paragraphs never change (a new version is a new row); only shared_at is set later.
      const columns = table === 'text_versions' ? ` OF id, contribution_id, number, label, stage_id, author_person_id, author_name, author_role, created_at, recorded_at, record_seq` : '';
      await q.query(`CREATE TRIGGER ${table}_frozen BEFORE UPDATE${columns} OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_frozen_change()`);
    }

    await q.query(`
      CREATE TABLE questionnaire_questions (
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        number integer NOT NULL CHECK (number > 0),
        text text NOT NULL,
        record_seq integer NOT NULL,
        PRIMARY KEY (contribution_id, stage_id, number)
      )`);
    await q.query(`
      CREATE TABLE questionnaire_submissions (
        id uuid PRIMARY KEY,
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        answers jsonb NOT NULL,
        consent_to_publish boolean NOT NULL,
        submitted_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        revision integer NOT NULL DEFAULT 1,
        author_person_id uuid REFERENCES people(id),
        author_name text NOT NULL,
        record_seq integer NOT NULL,
        UNIQUE (contribution_id, stage_id, organisation_id)
      )`);

    await q.query(`
      CREATE TABLE readings (
        id uuid PRIMARY KEY,
        contribution_id uuid NOT NULL REFERENCES contributions(id),
        stage_id text NOT NULL,
        meeting_date date NOT NULL,
        room text NOT NULL,
        location text,
        version_id uuid REFERENCES text_versions(id),
        outcome text,
        occurred_at timestamptz NOT NULL,
        recorded_by uuid REFERENCES people(id),
        record_seq integer NOT NULL
      )`);
    await q.query(`CREATE INDEX readings_contribution_idx ON readings (contribution_id, meeting_date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE readings`);
    await q.query(`DROP TABLE questionnaire_submissions`);
    await q.query(`DROP TABLE questionnaire_questions`);
    await q.query(`DROP TABLE submitted_copies`);
    await q.query(`DROP TABLE signatures`);
    await q.query(`DROP TABLE body_decisions`);
    await q.query(`DROP TABLE comment_dispositions`);
    await q.query(`DROP TABLE session_presentations`);
    await q.query(`DROP TABLE editorial_sessions`);
    await q.query(`DROP TABLE no_comment_declarations`);
    await q.query(`DROP TABLE comments`);
    await q.query(`DROP TABLE invitations`);
    await q.query(`DROP TABLE text_paragraphs`);
    await q.query(`DROP TABLE text_versions`);
    await q.query(`DROP FUNCTION refuse_frozen_change()`);
  }
}
