/** The pages that sign a person in and then draw their content: one shell, told apart by these. */
export interface SignedInPage {
  title: string;
  heading: string;
  script: string;
  /** Static markup under the heading (ours, never data). */
  intro?: string;
}

export const SIGNED_IN_PAGES = {
  index: {
    title: 'Consultation Engine',
    heading: 'Consultation Engine',
    script: 'landing.js',
    intro: `
    <p>Sign in to reach your page: the secretariat dashboard, the participant inbox or the auditor timeline.
      Published contributions have a public page at <code>/app/public/&lt;contribution id&gt;</code>, which needs no token.</p>`,
  },
  secretariat: { title: 'Secretariat dashboard – Consultation Engine', heading: 'Secretariat dashboard', script: 'secretariat.js' },
  participant: { title: 'Participant inbox – Consultation Engine', heading: 'Participant inbox', script: 'participant.js' },
  auditor: { title: 'Auditor timeline – Consultation Engine', heading: 'Auditor timeline', script: 'auditor.js' },
} satisfies Record<string, SignedInPage>;

/** Fills the shell's `{{name}}` slots; a slot left unfilled is a mistake in the shell, said at start-up. */
export function renderSignedInPage(shell: string, page: SignedInPage): string {
  const values: Record<string, string> = { title: page.title, heading: page.heading, script: page.script, intro: page.intro ?? '' };
  return shell.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`web page shell: unknown slot {{${name}}}`);
    return values[name];
  });
}
