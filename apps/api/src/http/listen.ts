import { Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Environment } from '#config';

export async function listen(app: NestFastifyApplication, what: string): Promise<string> {
  const config = app.get<ConfigService<Environment, true>>(ConfigService);
  const port = config.get('PORT', { infer: true });
  await app.listen({ port, host: '0.0.0.0' });
  const url = `http://localhost:${port}`;
  new Logger('Bootstrap').log(`${what} listening on ${url} (docs: ${url}/docs)`);
  return url;
}
