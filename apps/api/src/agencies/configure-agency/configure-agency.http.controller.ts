import { Body, Controller, Get, HttpCode, Param, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, configureAgency, type ConfigureAgencyInput } from '#application';
import { AgencyIdParam } from '../../http/params.js';
import { ReadModels } from '../../queries/read-models.js';
import { ConfigureAgencyRequest } from './configure-agency.request.dto.js';

const AGENCY_EXAMPLE = {
  agencyId: 'pemkot-langsa',
  name: 'Pemerintah Kota Langsa',
  timeZone: 'Asia/Jakarta',
  holidays: ['2026-03-20'],
  stages: [
    { id: 'verification', role: 'verifier', sla: 'P2D' },
    { id: 'committee', role: 'committee', sla: 'P5D' },
    { id: 'approval', role: 'ppk', sla: 'P3D' },
  ],
  meritPolicy: {
    version: 1,
    regularYearsInGrade: 4,
    selectionYearsInGrade: 1,
    minimumPredicates: ['BAIK', 'SANGAT_BAIK'],
    appraisalYears: 2,
    trainingHours: 20,
    trainingWindowMonths: 12,
  },
  configVersion: 1,
};

@ApiTags('agencies')
@ApiBearerAuth()
@Controller('api/agencies/:agencyId')
export class AgencyController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readModels: ReadModels,
  ) {}

  @Put()
  @HttpCode(200)
  @Roles('admin')
  @ApiOkResponse({ description: 'The stored configuration, a new version', schema: { example: AGENCY_EXAMPLE } })
  @ApiForbiddenResponse({ description: 'Not an admin of this agency' })
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
  @Roles('admin', 'hr', 'auditor', 'verifier', 'committee', 'ppk')
  @ApiOkResponse({ description: 'The configuration in force (the defaults when never configured)', schema: { example: AGENCY_EXAMPLE } })
  get(@Param() { agencyId }: AgencyIdParam, @CurrentActor() actor: Actor) {
    return this.readModels.agency(agencyId, actor);
  }
}
