import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  HttpCode,
  Injectable,
  Logger,
  Post,
  UseGuards,
  type OnModuleInit,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { JwtService, Public } from '#auth';
import type { Environment } from '#config';
import { ApiError } from '../http/api-error.js';
import { DEMO_USERS } from '#demo';
import { DEV_TOKEN_TTL_SECONDS, devSignInEnabled } from './dev-sign-in.js';
import { DevSignInRequest } from './dev-sign-in.request.dto.js';

const enabledFrom = (config: ConfigService<Environment, true>) =>
  devSignInEnabled({ NODE_ENV: config.get('NODE_ENV', { infer: true }), JWT_SECRET: config.get('JWT_SECRET', { infer: true }) });

/**
 * When dev sign-in is off the routes answer exactly like routes that do not exist, before the
 * body is read (a guard runs before the validation pipe).
 */
@Injectable()
class DevSignInGuard implements CanActivate {
  private readonly enabled: boolean;
  constructor(config: ConfigService<Environment, true>) {
    this.enabled = enabledFrom(config);
  }
  canActivate(context: ExecutionContext): boolean {
    if (this.enabled) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    throw new ApiError('NOT_FOUND', `Cannot ${request.method} ${request.url}`);
  }
}

/** Sign in as a demo user without a token, for the embedded default only (see devSignInEnabled). */
@ApiExcludeController()
@Controller('api/dev')
@UseGuards(DevSignInGuard)
export class DevSignInController implements OnModuleInit {
  private readonly enabled: boolean;

  constructor(
    private readonly jwt: JwtService,
    config: ConfigService<Environment, true>,
  ) {
    this.enabled = enabledFrom(config);
  }

  onModuleInit(): void {
    if (this.enabled) {
      new Logger('DevSignIn').warn(
        'Dev sign-in is ON (no JWT_SECRET, NODE_ENV is not production): anyone reaching this port can sign in as a demo user. Set JWT_SECRET to turn it off.',
      );
    }
  }

  @Get('users')
  @Public()
  users() {
    return {
      users: DEMO_USERS.map(({ nip, name, agency, roles, label, unitId, positionTitle }) => ({
        nip,
        name,
        agency,
        roles,
        label,
        unitId,
        positionTitle,
      })),
    };
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  async signIn(@Body() body: DevSignInRequest) {
    const user = DEMO_USERS.find((u) => u.nip === body.nip);
    if (!user) throw new ApiError('NOT_FOUND', `No demo user has NIP ${body.nip}`);
    const now = Math.floor(Date.now() / 1000);
    const token = await this.jwt.mint({ nip: user.nip, agency: user.agency, roles: [...user.roles] }, DEV_TOKEN_TTL_SECONDS, now);
    return {
      token,
      expiresAt: new Date((now + DEV_TOKEN_TTL_SECONDS) * 1000).toISOString(),
      user: { nip: user.nip, name: user.name, agency: user.agency, roles: user.roles, label: user.label },
    };
  }
}
