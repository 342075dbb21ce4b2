/**
 * Where a person reading a notice or a calendar event opens the contribution: the web page, which
 * signs them in and shows it on their role's page (the API address would need a bearer header).
 */
export function contributionPageUrl(baseUrl: string, contributionId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/app/?contribution=${encodeURIComponent(contributionId)}`;
}
