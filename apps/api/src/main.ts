import { AppConfig } from '@app/config';
import { createApiApp } from './http-setup';

async function bootstrap(): Promise<void> {
  const app = await createApiApp();
  const config = app.get(AppConfig);
  await app.listen(config.PORT, config.HOST);
}

void bootstrap();
