import { setup, TestApp, TestIdentity } from '../../utils/setup';

/** Organisations as the secretariat registers them (name, country, stakeholder type, region, memberships) and the people acting for them. */
describe('organisations', () => {
  let t: TestApp;
  let secretariat: TestIdentity;
  let auditor: TestIdentity;

  beforeAll(async () => {
    t = await setup();
    secretariat = await t.token('secretariat');
    auditor = await t.token('auditor');
  });

  afterAll(async () => t.close());

  const create = (body: Record<string, unknown>, as: TestIdentity = secretariat) => t.http().post('/organisations').set(as.auth).send(body);

  it('creates, filters and updates organisations with their country, stakeholder type, region and memberships', async () => {
    const armenia = await create({
      name: ' The Ministry of the High-Tech Industry of the Republic of Armenia ',
      country: 'Armenia',
      stakeholderType: 'government',
      region: 'RCC/CIS',
      memberships: ['RCC member administration', 'ITU Member State', 'RCC member administration'],
    }).expect(201);
    expect(armenia.body).toEqual(
      expect.objectContaining({
        name: 'The Ministry of the High-Tech Industry of the Republic of Armenia',
        country: 'Armenia',
        stakeholderType: 'government',
        region: 'RCC/CIS',
        memberships: ['RCC member administration', 'ITU Member State'],
      }),
    );
    await create({ name: '“Rostelecom” FSUE', country: 'Russian Federation', stakeholderType: 'private_sector', region: 'RCC/CIS', memberships: ['ITU Sector Member'] }).expect(201);
    await create({ name: 'Nuru Trust Network', country: 'Kenya', stakeholderType: 'civil_society', region: 'Africa' }).expect(201);

    const cis = await t.http().get('/organisations').query({ region: 'RCC/CIS' }).set(auditor.auth).expect(200);
    // Ordered by name in the database's collation; which of the two comes first is the collation's business.
    expect(cis.body.items.map((o: { name: string }) => o.name).sort()).toEqual(['The Ministry of the High-Tech Industry of the Republic of Armenia', '“Rostelecom” FSUE']);
    expect(cis.body.total).toBe(2);
    const sectorMembers = await t.http().get('/organisations').query({ membership: 'ITU Sector Member' }).set(auditor.auth).expect(200);
    expect(sectorMembers.body).toEqual({ items: [expect.objectContaining({ name: '“Rostelecom” FSUE' })], total: 1 });
    const civil = await t.http().get('/organisations').query({ stakeholderType: 'civil_society', q: 'trust' }).set(auditor.auth).expect(200);
    expect(civil.body.items.map((o: { country: string }) => o.country)).toEqual(['Kenya']);

    const updated = await t.http().patch(`/organisations/${armenia.body.id}`).set(secretariat.auth).send({ region: null, memberships: ['ITU Member State'] }).expect(200);
    expect(updated.body).toEqual(expect.objectContaining({ country: 'Armenia', region: null, memberships: ['ITU Member State'] }));
    const read = await t.http().get(`/organisations/${armenia.body.id}`).set(auditor.auth).expect(200);
    expect(read.body.region).toBeNull();
  });

  it('refuses a duplicate name (any case), an unknown stakeholder type and unknown fields, naming the field', async () => {
    await create({ name: 'RIPE NCC', country: 'Netherlands', stakeholderType: 'technical_community', region: 'Europe' }).expect(201);
    const duplicate = await create({ name: 'ripe ncc' }).expect(409);
    expect(duplicate.body).toEqual(expect.objectContaining({ error: 'organisation_name_taken', organisationId: expect.any(String) }));
    const badType = await create({ name: 'Some Ministry', stakeholderType: 'ministry' }).expect(400);
    expect(badType.body.message).toContain('stakeholderType must be one of government, international_organisation, private_sector, civil_society, academia, technical_community');
    const unknown = await create({ name: 'Some Ministry', sector: 'telecom' }).expect(400);
    expect(unknown.body.message).toContain('sector');
    await t.http().get('/organisations/00000000-0000-4000-8000-000000000000').set(auditor.auth).expect(404);
  });

  it('lets only the secretariat create or change organisations, and nobody without a token read them', async () => {
    const participant = await t.token('participant', 'Communications Administration of Belarus');
    await create({ name: 'Invented Ministry' }, participant).expect(403);
    await t.http().patch(`/organisations/${participant.organisationId}`).set(participant.auth).send({ country: 'Belarus' }).expect(403);
    await t.http().get('/organisations').expect(401);
    await t.http().get(`/organisations/${participant.organisationId}`).set(participant.auth).expect(200);
  });

  it('lists the people acting for an organisation: all for the secretariat, its own for a participant', async () => {
    const desk = await t.token('participant', 'Ministry of Digital Technologies of the Republic of Uzbekistan', { name: 'International desk', email: 'desk@example.uz', timeZone: 'Asia/Tashkent' });
    const other = await t.token('participant', 'Turkmenaragatnashyk Agency');
    const registered = await t.http().post('/auth/tokens').set(secretariat.auth).send({ role: 'participant', name: 'Deputy head', organisationId: desk.organisationId }).expect(201);
    expect(registered.body.person.organisationId).toBe(desk.organisationId);

    const people = await t.http().get(`/organisations/${desk.organisationId}/people`).set(secretariat.auth).expect(200);
    expect(people.body.items.map((p: { name: string; role: string }) => [p.name, p.role])).toEqual([
      ['Deputy head', 'participant'],
      ['International desk', 'participant'],
    ]);
    expect(people.body.items[1]).toEqual(expect.objectContaining({ email: 'desk@example.uz', timeZone: 'Asia/Tashkent' }));
    await t.http().get(`/organisations/${desk.organisationId}/people`).set(desk.auth).expect(200);
    await t.http().get(`/organisations/${desk.organisationId}/people`).set(other.auth).expect(403);
  });
});
