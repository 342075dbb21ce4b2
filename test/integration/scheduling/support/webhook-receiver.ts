import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  /** Exactly the bytes that arrived: what the signature covers. */
  raw: Buffer;
  body: Record<string, any>;
  answered: number;
}

export interface WebhookReceiver {
  url: (path: string) => string;
  received: ReceivedHook[];
  at: (path: string) => ReceivedHook[];
  /** Answers these statuses, in order, to the next requests on a path (then 204). */
  failNext: (path: string, statuses: number[]) => void;
  close: () => Promise<void>;
}

/** A real HTTP endpoint on a random local port, standing in for an organisation's webhook receiver. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedHook[] = [];
  const plans = new Map<string, number[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const status = plans.get(path)?.shift() ?? 204;
      const raw = Buffer.concat(chunks);
      received.push({ path, headers: request.headers, raw, body: JSON.parse(raw.toString('utf8')), answered: status });
      response.statusCode = status;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path) => received.filter((hook) => hook.path === path),
    failNext: (path, statuses) => plans.set(path, [...statuses]),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
