import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** Structured logs with a request id per request (taken from X-Request-Id when sent, echoed back). */
export function loggerOptions(config: AppConfig): Params {
  const pretty = process.env.LOG_FORMAT === 'pretty' || (process.env.LOG_FORMAT !== 'json' && process.stdout.isTTY);
  return {
    pinoHttp: {
      level: config.logLevel,
      genReqId: (request: IncomingMessage, response: ServerResponse) => {
        const sent = request.headers['x-request-id'];
        const id = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
        response.setHeader('X-Request-Id', id);
        return id;
      },
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.query.token'],
      // Calendar clients and the queue dashboard may carry a token in the query string.
      serializers: { req: (req: { url?: string }) => Object.assign(req, { url: req.url?.replace(/([?&]token=)[^&]*/g, '$1[Redacted]') }) },
      customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (request) => request.url === '/health' },
      base: { role: config.role },
      ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,req,res' } } } : {}),
    },
  };
}
