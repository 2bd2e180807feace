import { CanActivate, ExecutionContext, Inject, Injectable, Optional, SetMetadata, createParamDecorator } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, type Role } from '#domain';
import { InvalidTokenError, JwtService, type Actor } from './jwt.js';

export const IS_PUBLIC = 'jenjang:public';
export const REQUIRED_ROLES = 'jenjang:roles';

/** The route needs no token (health, metrics, docs, console). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Any one of these roles may use the route; others get 403 FORBIDDEN before the body is read. */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

export class UnauthenticatedError extends DomainError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message, { reason: 'AUTH.UNAUTHENTICATED' });
  }
}
export class ForbiddenRoleError extends DomainError {
  constructor(message: string) {
    super('FORBIDDEN', message, { reason: 'AUTH.ROLE_REQUIRED' });
  }
}

/** Roles an acting official (Plt/Plh) holds today by delegation: a delegation counts as holding its role at the door. */
export interface DelegatedRoles {
  rolesOf(actor: Pick<Actor, 'nip' | 'agency'>): Promise<Role[]>;
}
export const DELEGATED_ROLES = Symbol('DELEGATED_ROLES');

interface RequestWithActor {
  headers: Record<string, string | string[] | undefined>;
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new UnauthenticatedError('No authenticated actor');
  return actor;
});

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @Optional() @Inject(DELEGATED_ROLES) private readonly delegated?: DelegatedRoles,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<RequestWithActor>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header.trim()) : null;
    if (!match) throw new UnauthenticatedError('A bearer token is required (Authorization: Bearer <JWT>)');
    try {
      request.actor = await this.jwt.verify(match[1]);
    } catch (error) {
      throw new UnauthenticatedError(error instanceof InvalidTokenError ? `Unauthenticated: ${error.message}` : 'Unauthenticated');
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const actor = request.actor;
    if (required && !required.some((role) => actor.roles.includes(role))) {
      // Only an actor the token does not entitle pays for the lookup.
      const lent = this.delegated ? await this.delegated.rolesOf(actor) : [];
      if (!required.some((role) => lent.includes(role))) {
        throw new ForbiddenRoleError(`This action needs one of the roles: ${required.join(', ')}`);
      }
    }
    return true;
  }
}
