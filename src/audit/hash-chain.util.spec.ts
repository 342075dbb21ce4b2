import { ChainedFields, chainStart, checkNextRecord, findFirstBreak, hashRecord } from './hash-chain.util';

function chain(count: number): Array<ChainedFields & { hash: string }> {
  const records: Array<ChainedFields & { hash: string }> = [];
  for (let seq = 1; seq <= count; seq++) {
    const fields: ChainedFields = {
      contributionId: '11111111-1111-4111-8111-111111111111',
      seq,
      kind: seq === 1 ? 'created' : 'transition',
      eventType: seq === 1 ? 'CREATE' : 'COMMENT',
      fromStages: seq === 1 ? [] : ['round'],
      toStages: ['round'],
      payload: { text: `comment ${seq}`, nested: { b: 2, a: 1 } },
      details: {},
      actorPersonId: null,
      actorName: 'Secretariat',
      actorRole: 'secretariat',
      actorOrganisationId: null,
      actorOrganisationName: null,
      organisationId: null,
      reason: null,
      occurredAt: new Date(Date.UTC(2025, 0, seq)),
      recordedAt: new Date(Date.UTC(2025, 0, seq, 1)),
      definitionId: '22222222-2222-4222-8222-222222222222',
      definitionKey: 'demo',
      definitionVersion: 1,
      contributionVersion: seq,
      prevHash: records[seq - 2]?.hash ?? null,
    };
    records.push({ ...fields, hash: hashRecord(fields) });
  }
  return records;
}

describe('hash chain', () => {
  it('verifies an untouched chain', () => {
    expect(findFirstBreak(chain(5))).toBeUndefined();
  });

  it('does not depend on key order or date representation', () => {
    const [record] = chain(1);
    const reordered = { ...record, payload: { nested: { a: 1, b: 2 }, text: 'comment 1' }, occurredAt: new Date(record.occurredAt).toISOString() };
    expect(hashRecord(reordered)).toBe(record.hash);
  });

  it('reports the altered record, not a later one', () => {
    const records = chain(5);
    records[2] = { ...records[2], payload: { text: 'rewritten' } };
    expect(findFirstBreak(records)).toEqual(expect.objectContaining({ seq: 3, problem: 'hash_mismatch' }));
  });

  it('catches a record rewritten with a recomputed hash at the next link', () => {
    const records = chain(5);
    const forged = { ...records[2], reason: 'forged' };
    records[2] = { ...forged, hash: hashRecord(forged) };
    expect(findFirstBreak(records)).toEqual(expect.objectContaining({ seq: 4, problem: 'prev_hash_mismatch' }));
  });

  it('reports a missing record', () => {
    const records = chain(5);
    records.splice(1, 1);
    expect(findFirstBreak(records)).toEqual(expect.objectContaining({ seq: 2, problem: 'missing_record' }));
  });

  it('walks a chain one record at a time, stopping the cursor at the first break', () => {
    const records = chain(4);
    const cursor = chainStart();
    expect(checkNextRecord(cursor, records[0])).toBeUndefined();
    expect(checkNextRecord(cursor, records[1])).toBeUndefined();
    expect(cursor).toEqual({ expectedSeq: 3, previousHash: records[1].hash });
    expect(checkNextRecord(cursor, records[3])).toEqual(expect.objectContaining({ seq: 3, problem: 'missing_record' }));
    expect(cursor.expectedSeq).toBe(3);
    expect(checkNextRecord(cursor, records[2])).toBeUndefined();
  });
});
