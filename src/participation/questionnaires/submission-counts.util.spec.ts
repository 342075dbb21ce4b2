import { submissionCounts } from './submission-counts.util';

describe('submissionCounts', () => {
  it('counts by stakeholder type (usual order) and region (alphabetical), "not stated" last, with what is published', () => {
    const counts = submissionCounts([
      { stakeholderType: 'civil_society', region: 'Europe', consentToPublish: true },
      { stakeholderType: 'government', region: 'Africa', consentToPublish: false },
      { stakeholderType: null, region: null, consentToPublish: true },
      { stakeholderType: 'government', region: 'Europe', consentToPublish: true },
      { stakeholderType: 'academia', region: 'Africa', consentToPublish: false },
    ]);
    expect(counts.total).toBe(5);
    expect(counts.published).toBe(3);
    expect(counts.byStakeholderType).toEqual([
      { key: 'government', count: 2, published: 1 },
      { key: 'civil_society', count: 1, published: 1 },
      { key: 'academia', count: 1, published: 0 },
      { key: null, count: 1, published: 1 },
    ]);
    expect(counts.byRegion).toEqual([
      { key: 'Africa', count: 2, published: 0 },
      { key: 'Europe', count: 2, published: 2 },
      { key: null, count: 1, published: 1 },
    ]);
  });

  it('is empty without submissions', () => {
    expect(submissionCounts([])).toEqual({ total: 0, published: 0, byStakeholderType: [], byRegion: [] });
  });
});
