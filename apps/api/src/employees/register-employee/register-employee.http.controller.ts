import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Roles, type Actor } from '#auth';
import { commandContext } from '../../commands/command-context.factory.js';
import { RunCommand, registerEmployee } from '#application';
import { RegisterEmployeeRequest } from './register-employee.request.dto.js';

@ApiTags('employees')
@ApiBearerAuth()
@Controller('api/employees')
export class RegisterEmployeeController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Roles('hr')
  @ApiCreatedResponse({ description: 'Registered', schema: { example: { nip: '198507122010011001', position: 42, version: 1 } } })
  @ApiConflictResponse({ description: 'The NIP is already registered' })
  async register(@Body() body: RegisterEmployeeRequest, @CurrentActor() actor: Actor, @Req() request: FastifyRequest) {
    return this.commands.execute(new RunCommand(registerEmployee, body, commandContext(request, actor, body)));
  }
}
