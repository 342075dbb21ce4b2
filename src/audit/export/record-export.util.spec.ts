import { TransitionRecord } from '../entities/transition-record.entity';
import { hashRecord } from '../hash-chain.util';
import { CSV_COLUMNS, csvChunk, exportHeader, exportTrailer, ndjsonLine, parseExportLine, recordLine } from './record-export.util';

function record(overrides: Partial<TransitionRecord> = {}): TransitionRecord {
  const fields = {
    id: '42',
    contributionId: '11111111-1111-4111-8111-111111111111',
    seq: 1,
    kind: 'created' as const,
    eventType: 'CREATE',
    fromStages: [],
    toStages: ['drafting'],
    payload: { title: 'Declaration, "draft"', nested: { b: 2, a: [1, 'x'] } },
    details: { deadlines: { proposals: { dueAt: '2025-01-13T20:59:59.999Z' } } },
    actorPersonId: null,
    actorName: 'RCC Executive Committee',
    actorRole: 'secretariat',
    actorOrganisationId: null,
    actorOrganisationName: null,
    organisationId: null,
    reason: null,
    occurredAt: new Date('2024-12-04T06:00:00Z'),
    recordedAt: new Date('2026-01-01T10:00:00.123Z'),
    definitionId: '22222222-2222-4222-8222-222222222222',
    definitionKey: 'rcc-declaration',
    definitionVersion: 1,
    contributionVersion: 1,
    prevHash: null,
    ...overrides,
  };
  return Object.assign(new TransitionRecord(), fields, { hash: hashRecord(fields) });
}

describe('export lines', () => {
  it('round-trips a record through NDJSON with the same hash', () => {
    const original = record();
    const parsed = parseExportLine(recordLine(original));
    expect(parsed.type).toBe('record');
    if (parsed.type !== 'record') return;
    expect(parsed.record.hash).toBe(original.hash);
    expect(hashRecord(parsed.record)).toBe(original.hash);
    expect(parsed.record).toEqual(expect.objectContaining({ id: '42', seq: 1, actorName: 'RCC Executive Committee', definitionKey: 'rcc-declaration' }));
  });

  it('recognises the header and end lines', () => {
    const header = parseExportLine(ndjsonLine(exportHeader('contribution', '11111111-1111-4111-8111-111111111111', new Date('2026-01-01T00:00:00Z'))));
    expect(header).toEqual({ type: 'header', header: expect.objectContaining({ scope: 'contribution', exportedAt: '2026-01-01T00:00:00.000Z' }) });
    expect(parseExportLine(ndjsonLine(exportTrailer(3, 1)))).toEqual({ type: 'end', trailer: { end: true, records: 3, contributions: 1 } });
    expect(parseExportLine('   ')).toEqual({ type: 'blank' });
  });

  it('names what is wrong with a line that is not a record', () => {
    expect(parseExportLine('{"seq": 1')).toEqual({ type: 'invalid', message: expect.stringMatching(/^not JSON/) });
    const parsed = parseExportLine(JSON.stringify({ ...JSON.parse(recordLine(record())), hash: 'abc', seq: 0 }));
    expect(parsed).toEqual({ type: 'invalid', message: expect.stringContaining('seq') });
    expect(parsed.type === 'invalid' && parsed.message).toContain('hash: expected a SHA-256 hex digest');
  });
});

describe('CSV rows', () => {
  it('writes the header once, JSON columns as JSON text, and null as an empty cell', () => {
    const first = csvChunk([record()], true);
    const [headerLine, row] = first.trimEnd().split('\n');
    expect(headerLine).toBe(CSV_COLUMNS.join(','));
    expect(row).toContain('"{""title"":""Declaration, \\""draft\\"""",""nested"":{""b"":2,""a"":[1,""x""]}}"');
    expect(row.split(',').slice(0, 3)).toEqual(['42', '11111111-1111-4111-8111-111111111111', '1']);
    expect(row).toContain(',2024-12-04T06:00:00.000Z,2026-01-01T10:00:00.123Z,');
    const next = csvChunk([record({ seq: 2, reason: 'received by e-mail' })], false);
    expect(next.split('\n')[0]).not.toContain('contribution_id');
    expect(next).toContain(',received by e-mail,');
  });

  it('writes only the header for an empty export', () => {
    expect(csvChunk([], true)).toBe(`${CSV_COLUMNS.join(',')}\n`);
    expect(csvChunk([], false)).toBe('');
  });
});
