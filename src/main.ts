import 'reflect-metadata';
import { createApp } from './bootstrap/create-app';
import { AppConfig, InvalidConfigurationError } from './config/app-config';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (error instanceof InvalidConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  if (config.runsApi) {
    await app.listen(config.port, '0.0.0.0');
    process.stderr.write(`Consultation Engine (${config.role}) listening on ${config.publicBaseUrl} — API docs at ${config.publicBaseUrl}/docs\n`);
  } else {
    await app.init();
    process.stderr.write(`Consultation Engine worker started (queue prefix ${config.queuePrefix})\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Consultation Engine failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
