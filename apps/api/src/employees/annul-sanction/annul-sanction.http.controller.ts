import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, annulSanction } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer, CommandPosition } from '../../http/openapi.js';
import { SanctionParams } from '../employee-params.js';
import { AnnulSanctionRequest } from './annul-sanction.request.dto.js';
@ApiTags('employees')
@ApiAuthenticated()
@Controller('api/employees/:nip/sanctions/:sanctionId/annulment')
export class AnnulSanctionController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(200, CommandPosition, 'Annulled')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency, or no such sanction')
  @ApiErrorAnswer(409, 'CONFLICT: the sanction is already annulled')
  annul(
    @Param() { nip, sanctionId }: SanctionParams,
    @Body() body: AnnulSanctionRequest,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    return this.commands.execute(new RunCommand(annulSanction, { ...body, nip, sanctionId }, commandContext(request, actor, body)));
  }
}
