import { configSchema, type Config, type ConfigInput } from './config.js';

/** Environment variables the server reads, and the option each one sets. */
const ENVIRONMENT: Record<string, (value: string) => Partial<ConfigInput>> = {
  PORT: (v) => ({ port: Number(v) }),
  DATABASE_URL: (v) => ({ databaseUrl: v }),
  KINTONE_LOCAL_DATA: (v) => ({ dataDir: v }),
  KINTONE_LOCAL_LANGUAGE: (v) => ({ language: v as 'ja' | 'en' }),
  KINTONE_LOCAL_LEGACY_STATUS: (v) => ({ legacyStatusCodes: v === 'true' || v === '1' }),
  KINTONE_LOCAL_TIME_ZONE: (v) => ({ timeZone: v }),
  KINTONE_LOCAL_MAX_FILE_BYTES: (v) => ({ maxFileBytes: Number(v) }),
  KINTONE_LOCAL_OAUTH_ACCESS_TOKEN_SECONDS: (v) => ({ oauthAccessTokenSeconds: Number(v) }),
  KINTONE_LOCAL_OAUTH_REFRESH_TOKEN_SECONDS: (v) => ({ oauthRefreshTokenSeconds: Number(v) }),
  LOG_LEVEL: (v) => ({ logLevel: v as Config['logLevel'] }),
};

export class ConfigError extends Error {}

/** Options from the environment, overridden by explicit ones, validated and frozen. */
export function loadConfig(
  explicit: ConfigInput = {},
  environment: NodeJS.ProcessEnv = process.env,
): Config {
  const fromEnvironment: Partial<ConfigInput> = {};
  for (const [name, toOption] of Object.entries(ENVIRONMENT)) {
    const value = environment[name];
    if (value !== undefined && value !== '') Object.assign(fromEnvironment, toOption(value));
  }

  const parsed = configSchema.safeParse({ ...fromEnvironment, ...stripUndefined(explicit) });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || 'config'}: ${i.message}`,
    );
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  if (!isKnownTimeZone(parsed.data.timeZone)) {
    throw new ConfigError(`Invalid configuration: timeZone: unknown zone ${parsed.data.timeZone}`);
  }
  return Object.freeze(parsed.data);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
