import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface AppProcess {
  url: string;
  child: ChildProcess;
  /** The process's own output so far (logs and start-up messages). */
  output: () => string;
  /** When the process was spawned (ms since epoch). */
  startedAt: number;
  /** Resolves when the app's log (stderr) matches, with the time it did. */
  waitForLog: (pattern: RegExp, timeoutMs?: number) => Promise<{ at: number; line: string }>;
  rssMb: () => number;
  stop: () => Promise<void>;
}

const ROOT = join(__dirname, '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resident memory of a process, from /proc (Linux), in MiB. */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/**
 * The built app (dist/) in its own process, as production runs it, so the load generator and
 * the server do not share an event loop and its memory can be read alone.
 */
export async function startApp(env: Record<string, string>, readyPath = '/health', nodeArgs: string[] = []): Promise<AppProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const startedAt = Date.now();
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  const watchers: Array<{ pattern: RegExp; resolve: (hit: { at: number; line: string }) => void }> = [];
  // Logs (pino) go to stdout, start-up messages to stderr: watch both.
  const onOutput = (chunk: Buffer) => {
    stderr += chunk;
    for (const watcher of [...watchers]) {
      const line = stderr.split('\n').find((text) => watcher.pattern.test(text));
      if (line) {
        watchers.splice(watchers.indexOf(watcher), 1);
        watcher.resolve({ at: Date.now(), line });
      }
    }
    if (stderr.length > 1_000_000) stderr = stderr.slice(-100_000);
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited (${child.exitCode}): ${stderr}`);
    const ready = env.ROLE === 'worker' ? /worker started/.test(stderr) : await fetch(url + readyPath).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`app did not become ready: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    startedAt,
    output: () => stderr,
    waitForLog: (pattern, timeoutMs = 120_000) =>
      new Promise((resolve, reject) => {
        const line = stderr.split('\n').find((text) => pattern.test(text));
        if (line) return resolve({ at: Date.now(), line });
        watchers.push({ pattern, resolve });
        setTimeout(() => reject(new Error(`no log line matching ${pattern} within ${timeoutMs} ms; the app said:\n${stderr.slice(-3000)}`)), timeoutMs).unref();
      }),
    rssMb: () => rssOf(child.pid!),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}
