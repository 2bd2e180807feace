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
import { DEV_TOKEN_TTL_SECONDS, devSignInEnabled, devSignInReaches, type DevSignInReach } from './dev-sign-in.js';
import { DevSignInRequest } from './dev-sign-in.request.dto.js';

const enabledFrom = (config: ConfigService<Environment, true>) =>
  devSignInEnabled({ NODE_ENV: config.get('NODE_ENV', { infer: true }), JWT_SECRET: config.get('JWT_SECRET', { infer: true }) });

/**
 * When dev sign-in is off, or the client is out of its reach, the routes answer exactly like
 * routes that do not exist, before the body is read (a guard runs before the validation pipe):
 * nothing tells a remote caller that a sign-in without password is there.
 */
@Injectable()
class DevSignInGuard implements CanActivate {
  private readonly enabled: boolean;
  private readonly reach: DevSignInReach;
  constructor(config: ConfigService<Environment, true>) {
    this.enabled = enabledFrom(config);
    this.reach = config.get('DEV_SIGN_IN', { infer: true });
  }
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (this.enabled && devSignInReaches(request.ip, this.reach)) return true;
    throw new ApiError('NOT_FOUND', `Cannot ${request.method} ${request.url}`);
  }
}

/** Sign in as a demo user without a token, for the embedded default only (see devSignInEnabled). */
@ApiExcludeController()
@Controller('api/dev')
@UseGuards(DevSignInGuard)
export class DevSignInController implements OnModuleInit {
  private readonly enabled: boolean;
  private readonly reach: DevSignInReach;

  constructor(
    private readonly jwt: JwtService,
    config: ConfigService<Environment, true>,
  ) {
    this.enabled = enabledFrom(config);
    this.reach = config.get('DEV_SIGN_IN', { infer: true });
  }

  onModuleInit(): void {
    if (this.enabled) {
      new Logger('DevSignIn').warn(
        this.reach === 'open'
          ? 'Dev sign-in is ON for every address (DEV_SIGN_IN=open, no JWT_SECRET, NODE_ENV is not production): anyone reaching this port can sign in as a demo user. Set JWT_SECRET to turn it off.'
          : 'Dev sign-in is ON for this machine only (no JWT_SECRET, NODE_ENV is not production): a client on 127.0.0.1 or ::1 can sign in as a demo user. Set JWT_SECRET to turn it off.',
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
