import { formatInstant, Notice, readerLanguage, renderNotice } from './message-render.util';

/** 31 January 2025, 23:59:59 in Moscow (the authoritative zone of the RCC round). */
const DUE = new Date('2025-01-31T20:59:59.999Z');

const reminder: Notice = {
  kind: 'reminder',
  contribution: { id: 'c1', title: 'RCC Declaration on WSIS+20', symbol: 'RCC-2025-1' },
  stage: { id: 'proposals', title: 'Proposals on the draft' },
  dueAt: DUE,
  deadlineTimeZone: 'Europe/Moscow',
  beforeDue: 'P2D',
  organisationName: 'Communications Administration of Belarus',
  link: 'http://localhost:3000/contributions/c1',
};

describe('renderNotice', () => {
  it('shows the deadline in the reader zone and names the authoritative zone (English)', () => {
    const message = renderNotice(reminder, { language: 'en', timeZone: 'America/New_York' });
    expect(message.language).toBe('en');
    expect(message.subject).toBe('Reminder: "Proposals on the draft" closes on Friday 31 January 2025, 15:59');
    expect(message.text).toContain('Communications Administration of Belarus has not yet responded to "Proposals on the draft" of "RCC Declaration on WSIS+20" (RCC-2025-1).');
    expect(message.text).toContain('Deadline: Friday 31 January 2025, 15:59 (your time zone, America/New_York)');
    expect(message.text).toContain('Authoritative deadline: Friday 31 January 2025, 23:59 (Europe/Moscow)');
    expect(message.text).toContain('This reminder is sent 2 days before the deadline.');
    expect(message.text).toContain('Open: http://localhost:3000/contributions/c1');
  });

  it('speaks French with French dates, and the local day can differ from the authoritative one', () => {
    const message = renderNotice(reminder, { language: 'fr', timeZone: 'Asia/Tokyo' });
    expect(message.subject).toBe('Rappel : « Proposals on the draft » se termine le samedi 1 février 2025, 05:59');
    expect(message.text).toContain('Échéance: samedi 1 février 2025, 05:59 (votre fuseau horaire, Asia/Tokyo)');
    expect(message.text).toContain('Échéance de référence: vendredi 31 janvier 2025, 23:59 (Europe/Moscow)');
    expect(message.text).toContain("Ce rappel est envoyé 2 jours avant l'échéance.");
  });

  it('speaks Russian', () => {
    const message = renderNotice(reminder, { language: 'ru', timeZone: 'Europe/Minsk' });
    expect(message.subject).toBe('Напоминание: «Proposals on the draft» завершается пятница 31 января 2025, 23:59');
    expect(message.text).toContain('Официальный срок: пятница 31 января 2025, 23:59 (Europe/Moscow)');
    expect(message.text).toContain('за 2 дня до срока');
  });

  it('falls back to English for other languages and to UTC for an unknown zone', () => {
    const message = renderNotice(reminder, { language: 'de-CH', timeZone: 'Mars/Olympus' });
    expect(message.language).toBe('en');
    expect(message.text).toContain('Deadline: Friday 31 January 2025, 20:59 (your time zone, UTC)');
  });

  it('announces an extension with the old date, the new date and the reason', () => {
    const message = renderNotice(
      { ...reminder, kind: 'deadline_extended', dueAt: new Date('2025-03-14T20:59:59.999Z'), previousDueAt: DUE, reason: 'several requests from stakeholders', beforeDue: undefined },
      { language: 'en', timeZone: 'Europe/Moscow' },
    );
    expect(message.subject).toBe('New deadline for "Proposals on the draft": Friday 14 March 2025, 23:59');
    expect(message.text).toContain('Previous deadline: Friday 31 January 2025, 23:59 (Europe/Moscow)');
    expect(message.text).toContain('Reason: several requests from stakeholders');
  });

  it('escalates with the response rate against the threshold and the organisations still missing', () => {
    const message = renderNotice(
      { ...reminder, kind: 'escalation', responseRate: 1 / 3, threshold: 0.5, invitedCount: 3, respondedCount: 1, missing: ['Org B', 'Org C'] },
      { language: 'en', timeZone: 'UTC' },
    );
    expect(message.subject).toBe('Low response: 33% of invited organisations have responded to "Proposals on the draft"');
    expect(message.text).toContain('1 of 3 invited organisations have responded');
    expect(message.text).toContain('below the 50% the workflow expects');
    expect(message.text).toContain('Not yet responded: Org B, Org C');
  });
});

describe('readerLanguage and formatInstant', () => {
  it('reads the base language of a tag', () => {
    expect(readerLanguage('fr-CH')).toBe('fr');
    expect(readerLanguage('RU')).toBe('ru');
    expect(readerLanguage('es')).toBe('en');
  });

  it('formats across a DST change in the given zone', () => {
    expect(formatInstant(new Date('2025-03-30T00:30:00Z'), 'Europe/Paris', 'en')).toBe('Sunday 30 March 2025, 01:30');
    expect(formatInstant(new Date('2025-03-30T01:30:00Z'), 'Europe/Paris', 'en')).toBe('Sunday 30 March 2025, 03:30');
  });
});
