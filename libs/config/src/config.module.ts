import { Global, Module } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { AppConfig, loadAppConfig } from './app-config';

const appConfig = registerAs('app', loadAppConfig);

/**
 * Validates the environment once (through @nestjs/config's loader) and provides the typed
 * AppConfig to every module. The process environment is the only source: scripts/start.sh and
 * docker-compose load .env into it, so the app never guesses which file applies.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [appConfig] })],
  providers: [{ provide: AppConfig, inject: [appConfig.KEY], useFactory: (config: AppConfig) => config }],
  exports: [AppConfig],
})
export class AppConfigModule {}
