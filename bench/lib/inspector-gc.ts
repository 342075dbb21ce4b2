import CDP from 'chrome-remote-interface';
import type { AppProcess } from './app-process';

/** Node flags that let `collectGarbage` reach the process through the inspector (loopback only). */
export const INSPECTABLE = ['--inspect=127.0.0.1:0'];

/**
 * Forces a full garbage collection in the app process through the DevTools protocol, so its
 * memory can be read as what it retains rather than what V8 has not yet bothered to collect.
 */
export async function collectGarbage(app: AppProcess): Promise<void> {
  const match = /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(app.output());
  if (!match) throw new Error('the app was not started with the inspector (INSPECTABLE)');
  const client = await CDP({ host: '127.0.0.1', port: Number(match[1]) });
  try {
    await client.HeapProfiler.enable();
    await client.HeapProfiler.collectGarbage();
    await client.HeapProfiler.collectGarbage();
  } finally {
    await client.close();
  }
}
