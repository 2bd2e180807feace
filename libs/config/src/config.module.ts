import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from './environment.js';

/** @nestjs/config with the validated schema; inject `ConfigService<Environment, true>`. */
@Global()
@Module({})
export class JenjangConfigModule {
  /** Reads process.env when called (at app assembly), not when this file is imported. */
  static forRoot(): DynamicModule {
    return {
      module: JenjangConfigModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnvironment })],
    };
  }
}
