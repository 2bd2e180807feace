import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, transferEmployee } from '#application';
import { ApiAnswer, ApiAuthenticated, ApiCommand, ApiErrorAnswer, CommandPosition } from '../../http/openapi.js';
import { NipParam } from '../../http/params.js';
import { TransferEmployeeRequest } from './transfer-employee.request.dto.js';
@ApiTags('employees')
@ApiAuthenticated()
@Controller('api/employees/:nip/transfer')
export class TransferEmployeeController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCommand()
  @ApiAnswer(201, CommandPosition, 'Transferred: the new agency holds the employee from now on')
  @ApiErrorAnswer(404, 'NOT_FOUND: no such employee in your agency')
  transfer(
    @Param() { nip }: NipParam,
    @Body() body: TransferEmployeeRequest,
    @CurrentActor() actor: Actor,
    @Req() request: FastifyRequest,
  ) {
    return this.commands.execute(new RunCommand(transferEmployee, { ...body, nip }, commandContext(request, actor, body)));
  }
}
