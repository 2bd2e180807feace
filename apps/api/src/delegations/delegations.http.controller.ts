import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { RunCommand, grantDelegation, revokeDelegation } from '#application';
import { commandContext } from '../commands/command-context.factory.js';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../http/openapi.js';
import { Delegations } from './delegations.read.js';
import { DelegationIdParam, GrantDelegationRequest } from './delegations.request.dto.js';
import { DelegationsResponse, GrantDelegationResponse, RevokeDelegationResponse } from './delegations.response.dto.js';

/** Acting officials (Plt/Plh): an admin grants a role on someone's behalf for a period. */
@ApiTags('delegations')
@ApiAuthenticated()
@Controller('api/delegations')
export class DelegationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly delegations: Delegations,
  ) {}

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCommand()
  @ApiAnswer(201, GrantDelegationResponse, 'Granted')
  @ApiErrorAnswer(403, 'FORBIDDEN: not admin, or a delegation to oneself')
  @ApiErrorAnswer(404, 'NOT_FOUND: the delegate or the delegator is not an employee of your agency')
  @ApiErrorAnswer(409, 'CONFLICT: a delegation of that role on behalf of that person already runs in the period')
  grant(@Body() body: GrantDelegationRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(grantDelegation, body, commandContext(request, actor, body)));
  }

  @Delete(':delegationId')
  @HttpCode(200)
  @Roles('admin')
  @ApiCommand()
  @ApiAnswer(200, RevokeDelegationResponse, 'Revoked')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such delegation in your agency')
  @ApiErrorAnswer(409, 'CONFLICT: already revoked')
  revoke(@Param() { delegationId }: DelegationIdParam, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(revokeDelegation, { delegationId }, commandContext(request, actor, null)));
  }

  @Get()
  @Roles('admin', 'auditor', 'hr')
  @ApiAnswer(200, DelegationsResponse, "The agency's delegations, in force or not")
  async list(@CurrentActor() actor: Actor) {
    return { delegations: await this.delegations.list(actor.agency) };
  }
}
