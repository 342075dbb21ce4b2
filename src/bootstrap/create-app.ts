import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../app.module';
import { AppConfig } from '../config/app-config';
import { ApiExceptionFilter } from '../common/http/api-exception.filter';
import { validationExceptionFactory } from '../common/http/validation-exception.factory';
import { prepareDatabase } from '../database/prepare-database.util';
import { HttpMetricsMiddleware } from '../metrics/http-metrics.middleware';

export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];

/**
 * Builds the application exactly as production runs it; tests call this too, with their own
 * configuration (database, queue prefix), so what they exercise is what ships.
 */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  await prepareDatabase(config.databaseUrl);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // First, so every request is timed: body parsing, /docs and the 404s included.
  app.use(app.get(HttpMetricsMiddleware).use);
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: YAML_MEDIA_TYPES, limit: '600kb' });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Consultation Engine')
      .setDescription(
        'Workflow and consultation engine for intergovernmental contributions: workflow definitions, contributions moving through stages, deadlines, participation and an append-only, hash-chained audit trail.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'create one with: npm run cli -- token create --role secretariat' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
