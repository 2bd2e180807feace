import { Body, Controller, Get, HttpCode, Param, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, configureAgency, type ConfigureAgencyInput } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer } from '../../http/openapi.js';
import { AgencyIdParam } from '../../http/params.js';
import { ReadModels } from '../../queries/read-models.js';
import { ConfigureAgencyRequest } from './configure-agency.request.dto.js';
import { AgencyResponse, ConfigureAgencyResponse } from './configure-agency.response.dto.js';

@ApiTags('agencies')
@ApiAuthenticated()
@Controller('api/agencies/:agencyId')
export class AgencyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ReadModels,
  ) {}

  @Put()
  @HttpCode(200)
  @Roles('admin')
  @ApiCommand()
  @ApiAnswer(200, ConfigureAgencyResponse, 'The stored configuration, a new version')
  @ApiErrorAnswer(403, 'FORBIDDEN: not an admin')
  @ApiErrorAnswer(404, 'NOT_FOUND: another agency')
  configure(
    @Param() { agencyId }: AgencyIdParam,
    @Body() body: ConfigureAgencyRequest,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    return this.commands.execute(
      new RunCommand(
        configureAgency,
        { ...(JSON.parse(JSON.stringify(body)) as Omit<ConfigureAgencyInput, 'agencyId'>), agencyId },
        commandContext(request, actor, body),
      ),
    );
  }

  @Get()
  @Roles('admin')
  @ApiAnswer(200, AgencyResponse, 'The configuration in force (the defaults when never configured)')
  @ApiErrorAnswer(400, 'VALIDATION_FAILED: a malformed agencyId')
  @ApiErrorAnswer(403, 'FORBIDDEN: not an admin')
  @ApiErrorAnswer(404, 'NOT_FOUND: another agency')
  get(@Param() { agencyId }: AgencyIdParam, @CurrentActor() actor: Actor) {
    return this.readModels.agency(agencyId, actor);
  }
}
