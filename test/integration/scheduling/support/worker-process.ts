import { ChildProcess, spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../../../src/config/app-config';

const ROOT = join(__dirname, '../../../..');

export interface WorkerProcess {
  child: ChildProcess;
  /** How BullMQ names this process in job.processedBy (see JobRegistry.workerName). */
  name: string;
  output: () => string;
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

/**
 * The real application entry (src/main.ts, compiled on the fly by swc) in its own process with
 * ROLE=worker, against the test's database and queue prefix.
 */
export async function startWorker(config: AppConfig, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      QUEUE_PREFIX: config.queuePrefix,
      ROLE: 'worker',
      DEMO: 'false',
      PORT: '0',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const until = Date.now() + 30_000;
  while (!/worker started/.test(output)) {
    if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}: ${output}`);
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`worker did not start within 30 s: ${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    name: `${hostname()}-${child.pid}`,
    output: () => output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
