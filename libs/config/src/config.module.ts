import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { validateEnvironment } from './environment.js';
import { loadNationalReference } from './reference-loader.js';

/** The national reference data in force, loaded and validated once at boot (a broken document stops the start). */
export const REFERENCE_DATA = Symbol('REFERENCE_DATA');

/** @nestjs/config with the validated schema; inject `ConfigService<Environment, true>`. */
@Global()
@Module({})
export class JenjangConfigModule {
  /** Reads process.env when called (at app assembly), not when this file is imported. */
  static forRoot(): DynamicModule {
    return {
      module: JenjangConfigModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, validate: validateEnvironment })],
      providers: [{ provide: REFERENCE_DATA, useFactory: () => loadNationalReference() }],
      exports: [REFERENCE_DATA],
    };
  }
}
