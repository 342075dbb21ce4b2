import { DateTime, Duration, IANAZone } from 'luxon';

export const NOTICE_KINDS = ['reminder', 'escalation', 'deadline_extended', 'invitation'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const LANGUAGES = ['en', 'fr', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a notice is about, independent of who reads it. */
export interface Notice {
  kind: NoticeKind;
  contribution: { id: string; title: string; symbol: string | null };
  stage: { id: string; title: string };
  /** The deadline as it stands now (after an extension: the new one). */
  dueAt: Date;
  /** The deadline's own zone: the authoritative one. */
  deadlineTimeZone: string;
  /** reminder: the offset before the deadline (ISO-8601 duration). */
  beforeDue?: string;
  /** deadline_extended: the previous instant and the reason given. */
  previousDueAt?: Date;
  reason?: string | null;
  /** deadline_extended for one organisation only. */
  forOrganisation?: string | null;
  /** escalation: the response rate against the stage's threshold. */
  responseRate?: number;
  threshold?: number;
  invitedCount?: number;
  respondedCount?: number;
  missing?: string[];
  /** The organisation a participant reads this for. */
  organisationName?: string | null;
  link?: string;
}

export interface Reader {
  language: string;
  timeZone: string;
}

export interface RenderedMessage {
  language: Language;
  subject: string;
  text: string;
}

export function readerLanguage(language: string): Language {
  const base = language.toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

/** "Friday 31 January 2025, 23:59" in the reader's language and the given zone. */
export function formatInstant(instant: Date, timeZone: string, language: Language): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale(language).toFormat('cccc d MMMM yyyy, HH:mm');
}

export function humanDuration(iso: string, language: Language): string {
  const duration = Duration.fromISO(iso);
  // Intl puts narrow no-break spaces in French units; plain spaces survive every mail client.
  return duration.isValid ? duration.reconfigure({ locale: language }).toHuman().replace(/[\u00a0\u202f]/g, ' ') : iso;
}

interface Phrases {
  yourZone: (zone: string) => string;
  authoritative: string;
  deadline: string;
  previous: string;
  reason: string;
  open: string;
  reminderSubject: (stage: string, when: string) => string;
  reminderIntro: (organisation: string | null, stage: string, title: string) => string;
  reminderOffset: (offset: string) => string;
  escalationSubject: (percent: number, stage: string) => string;
  escalationIntro: (responded: number, invited: number, stage: string, title: string, threshold: number) => string;
  escalationMissing: string;
  extendedSubject: (stage: string, when: string) => string;
  extendedIntro: (stage: string, title: string, organisation?: string | null) => string;
  invitationSubject: (stage: string, when: string) => string;
  invitationIntro: (organisation: string | null, stage: string, title: string) => string;
}

const PHRASES: Record<Language, Phrases> = {
  en: {
    yourZone: (zone) => `your time zone, ${zone}`,
    authoritative: 'Authoritative deadline',
    deadline: 'Deadline',
    previous: 'Previous deadline',
    reason: 'Reason',
    open: 'Open',
    reminderSubject: (stage, when) => `Reminder: "${stage}" closes on ${when}`,
    reminderIntro: (organisation, stage, title) => `${organisation ?? 'Your organisation'} has not yet responded to "${stage}" of ${title}.`,
    reminderOffset: (offset) => `This reminder is sent ${offset} before the deadline.`,
    escalationSubject: (percent, stage) => `Low response: ${percent}% of invited organisations have responded to "${stage}"`,
    escalationIntro: (responded, invited, stage, title, threshold) =>
      `${responded} of ${invited} invited organisations have responded to "${stage}" of ${title}, below the ${threshold}% the workflow expects at this point.`,
    escalationMissing: 'Not yet responded',
    extendedSubject: (stage, when) => `New deadline for "${stage}": ${when}`,
    extendedIntro: (stage, title, organisation) =>
      organisation ? `The deadline of "${stage}" of ${title} has been extended for ${organisation}.` : `The deadline of "${stage}" of ${title} has been extended.`,
    invitationSubject: (stage, when) => `Invitation: "${stage}", due ${when}`,
    invitationIntro: (organisation, stage, title) => `${organisation ?? 'Your organisation'} is invited to respond to "${stage}" of ${title}.`,
  },
  fr: {
    yourZone: (zone) => `votre fuseau horaire, ${zone}`,
    authoritative: 'Échéance de référence',
    deadline: 'Échéance',
    previous: 'Échéance précédente',
    reason: 'Motif',
    open: 'Ouvrir',
    reminderSubject: (stage, when) => `Rappel : « ${stage} » se termine le ${when}`,
    reminderIntro: (organisation, stage, title) => `${organisation ? `Au nom de ${organisation}, vous n'avez` : "Vous n'avez"} pas encore répondu à « ${stage} » de ${title}.`,
    reminderOffset: (offset) => `Ce rappel est envoyé ${offset} avant l'échéance.`,
    escalationSubject: (percent, stage) => `Faible participation : ${percent} % des organisations invitées ont répondu à « ${stage} »`,
    escalationIntro: (responded, invited, stage, title, threshold) =>
      `${responded} organisations invitées sur ${invited} ont répondu à « ${stage} » de ${title}, en dessous des ${threshold} % attendus à ce stade.`,
    escalationMissing: "N'ont pas encore répondu",
    extendedSubject: (stage, when) => `Nouvelle échéance pour « ${stage} » : ${when}`,
    extendedIntro: (stage, title, organisation) =>
      organisation ? `L'échéance de « ${stage} » de ${title} a été prolongée pour ${organisation}.` : `L'échéance de « ${stage} » de ${title} a été prolongée.`,
    invitationSubject: (stage, when) => `Invitation : « ${stage} », échéance le ${when}`,
    invitationIntro: (organisation, stage, title) => `${organisation ? `Au nom de ${organisation}, vous êtes` : 'Vous êtes'} invité à répondre à « ${stage} » de ${title}.`,
  },
  ru: {
    yourZone: (zone) => `ваш часовой пояс, ${zone}`,
    authoritative: 'Официальный срок',
    deadline: 'Срок',
    previous: 'Прежний срок',
    reason: 'Причина',
    open: 'Открыть',
    reminderSubject: (stage, when) => `Напоминание: «${stage}» завершается ${when}`,
    reminderIntro: (organisation, stage, title) => `${organisation ? `От организации ${organisation}` : 'От вашей организации'} ещё нет ответа на этапе «${stage}» документа ${title}.`,
    reminderOffset: (offset) => `Это напоминание отправлено за ${offset} до срока.`,
    escalationSubject: (percent, stage) => `Низкая активность: ответили ${percent}% приглашённых организаций на этапе «${stage}»`,
    escalationIntro: (responded, invited, stage, title, threshold) =>
      `Ответили ${responded} из ${invited} приглашённых организаций на этапе «${stage}» документа ${title}; ожидалось не менее ${threshold}%.`,
    escalationMissing: 'Ещё не ответили',
    extendedSubject: (stage, when) => `Новый срок для «${stage}»: ${when}`,
    extendedIntro: (stage, title, organisation) =>
      organisation ? `Срок этапа «${stage}» документа ${title} продлён для ${organisation}.` : `Срок этапа «${stage}» документа ${title} продлён.`,
    invitationSubject: (stage, when) => `Приглашение: «${stage}», срок ${when}`,
    invitationIntro: (organisation, stage, title) => `Вы приглашены ответить${organisation ? ` от имени организации ${organisation}` : ''} на этапе «${stage}» документа ${title}.`,
  },
};

/** The deadline of a stage as a calendar event: a short title and the lines with both zones. */
export function renderCalendarEvent(
  event: { contribution: Notice['contribution']; stage: Notice['stage']; dueAt: Date; deadlineTimeZone: string; forOrganisation?: string | null; link?: string },
  reader: Reader,
): { summary: string; description: string } {
  const language = readerLanguage(reader.language);
  const zone = IANAZone.isValidZone(reader.timeZone) ? reader.timeZone : 'UTC';
  const p = PHRASES[language];
  const title = event.contribution.symbol ? `${event.contribution.title} (${event.contribution.symbol})` : event.contribution.title;
  const lines = [
    `${p.deadline}: ${formatInstant(event.dueAt, zone, language)} (${p.yourZone(zone)})`,
    `${p.authoritative}: ${formatInstant(event.dueAt, event.deadlineTimeZone, language)} (${event.deadlineTimeZone})`,
  ];
  if (event.link) lines.push('', `${p.open}: ${event.link}`);
  const summary = `${p.deadline}: ${event.stage.title} – ${title}${event.forOrganisation ? ` (${event.forOrganisation})` : ''}`;
  return { summary, description: lines.join('\n') };
}

/**
 * A notice as one person reads it: their language (en, fr, ru; English otherwise), every instant
 * in their own time zone, and the deadline also in its authoritative zone, named.
 */
export function renderNotice(notice: Notice, reader: Reader): RenderedMessage {
  const language = readerLanguage(reader.language);
  const zone = IANAZone.isValidZone(reader.timeZone) ? reader.timeZone : 'UTC';
  const p = PHRASES[language];
  const title = notice.contribution.symbol ? `"${notice.contribution.title}" (${notice.contribution.symbol})` : `"${notice.contribution.title}"`;
  const stage = notice.stage.title;
  const local = formatInstant(notice.dueAt, zone, language);
  const organisation = notice.organisationName ?? null;
  const deadlineLines = [
    `${p.deadline}: ${local} (${p.yourZone(zone)})`,
    `${p.authoritative}: ${formatInstant(notice.dueAt, notice.deadlineTimeZone, language)} (${notice.deadlineTimeZone})`,
  ];

  let subject: string;
  let lines: string[];
  switch (notice.kind) {
    case 'reminder':
      subject = p.reminderSubject(stage, local);
      lines = [p.reminderIntro(organisation, stage, title), '', ...deadlineLines];
      if (notice.beforeDue) lines.push('', p.reminderOffset(humanDuration(notice.beforeDue, language)));
      break;
    case 'escalation': {
      const percent = Math.round((notice.responseRate ?? 0) * 100);
      subject = p.escalationSubject(percent, stage);
      lines = [
        p.escalationIntro(notice.respondedCount ?? 0, notice.invitedCount ?? 0, stage, title, Math.round((notice.threshold ?? 0) * 100)),
        '',
        ...deadlineLines,
      ];
      if (notice.missing?.length) lines.push('', `${p.escalationMissing}: ${notice.missing.join(', ')}`);
      break;
    }
    case 'deadline_extended':
      subject = p.extendedSubject(stage, local);
      lines = [p.extendedIntro(stage, title, notice.forOrganisation), '', ...deadlineLines];
      if (notice.previousDueAt) {
        lines.push(`${p.previous}: ${formatInstant(notice.previousDueAt, zone, language)} (${zone})`);
      }
      if (notice.reason) lines.push(`${p.reason}: ${notice.reason}`);
      break;
    case 'invitation':
      subject = p.invitationSubject(stage, local);
      lines = [p.invitationIntro(organisation, stage, title), '', ...deadlineLines];
      break;
  }
  if (notice.link) lines.push('', `${p.open}: ${notice.link}`);
  return { language, subject, text: lines.join('\n') };
}
