import { Controller, Get, Logger, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '#auth';
import { ApiError } from '../http/api-error.js';
import { ConsoleAssets, type ConsoleAsset } from './console-assets.js';

/**
 * The web console: `GET /` is its page, `GET /console/{file}` its scripts, styles and Chart.js.
 * No token is needed for these (the API calls the page makes carry one). helmet's CSP
 * (`script-src 'self'`) applies: the page has no inline script and loads nothing from elsewhere.
 */
/**
 * The page previews berkas documents it fetched with the bearer token as blob: URLs (a PDF in an
 * iframe, an image in an img): the page's policy allows blob: for frames and images, nothing else.
 */
function withDocumentPreviews(policy: string): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .filter((d) => !/^(img-src|frame-src)\s/.test(d));
  const img = /(?:^|;)\s*img-src ([^;]*)/.exec(policy)?.[1] ?? "'self' data:";
  return [...directives, `img-src ${img} blob:`, "frame-src 'self' blob:"].join(';');
}

@ApiExcludeController()
@Controller()
export class ConsoleController {
  private static shared: ConsoleAssets | undefined;
  private readonly assets: ConsoleAssets;

  constructor() {
    ConsoleController.shared ??= new ConsoleAssets();
    this.assets = ConsoleController.shared;
    if (!this.assets.get('index.html')) {
      new Logger('Console').warn('The web console assets (apps/api/src/console/public) were not found: GET / answers 404');
    }
  }

  @Get()
  @Public()
  index(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const policy = reply.raw.getHeader('content-security-policy');
    if (typeof policy === 'string') void reply.header('content-security-policy', withDocumentPreviews(policy));
    this.send(request, reply, 'index.html');
  }

  @Get('console')
  @Public()
  home(@Res() reply: FastifyReply): void {
    void reply.redirect('/', 302);
  }

  @Get('console/:file')
  @Public()
  asset(@Param('file') file: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.send(request, reply, file);
  }

  private send(request: FastifyRequest, reply: FastifyReply, name: string): void {
    const found: ConsoleAsset | undefined = this.assets.get(name);
    if (!found) throw new ApiError('NOT_FOUND', `Cannot GET ${request.url}`);
    void reply.header('etag', found.etag).header('cache-control', 'no-cache').header('content-type', found.contentType);
    if (request.headers['if-none-match'] === found.etag) {
      void reply.status(304).send();
      return;
    }
    void reply.status(200).send(found.body);
  }
}
