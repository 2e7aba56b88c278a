import { z } from 'zod';

/**
 * Every server option, documented once. The CLI and the environment feed `loadConfig`, which
 * validates against this schema and freezes the result; nothing else reads process.env.
 */
export const configSchema = z
  .object({
    /** TCP port to listen on. */
    port: z.number().int().min(0).max(65535).default(3000),
    /**
     * Host name to bind. `localhost` because the official clients accept plain HTTP only for
     * that host name; use TLS for any other.
     */
    host: z.string().min(1).default('localhost'),
    /** Folder of the embedded SQLite database. Ignored when `databaseUrl` is set. */
    dataDir: z.string().min(1).default('.kintone-local'),
    /** `postgres://...` to share one store between several instances. */
    databaseUrl: z.string().url().optional(),
    /** Message language when a request has no usable Accept-Language. */
    language: z.enum(['ja', 'en']).default('en'),
    /** Answer 520 where Kintone did before its 2024 status-code update. */
    legacyStatusCodes: z.boolean().default(false),
    /** Domain-wide Basic authentication in front of everything, as cybozu.com offers it. */
    basicAuth: z.object({ username: z.string().min(1), password: z.string().min(1) }).optional(),
    /**
     * HTTPS, which the official clients need for any host name but `localhost`: either a given
     * pair of PEM files, or a self-signed certificate kept in `<dataDir>/tls/` for the loopback
     * names, `host` and `extraNames`.
     */
    tls: z
      .union([
        z.object({ certFile: z.string().min(1), keyFile: z.string().min(1) }).strict(),
        z.object({ selfSigned: z.object({ extraNames: z.array(z.string().min(1)).default([]) }) }),
      ])
      .optional(),
    /** Time zone in which query functions such as TODAY() and date defaults are resolved. */
    timeZone: z.string().min(1).default('UTC'),
    /** How long a verified password stays in the in-memory cache, in seconds. */
    passwordCacheTtlSeconds: z.number().int().min(0).default(300),
    /** How many verified passwords the cache holds at most. */
    passwordCacheSize: z.number().int().min(0).default(10_000),
    /** Concurrent API requests served before 429 GAIA_TO04, as Kintone's 100 per domain. */
    concurrencyLimit: z.number().int().min(1).default(100),
    /**
     * Largest file `POST file.json` accepts, in bytes. Kintone's limit is 1 GB; files are kept
     * in the database and read into memory whole, so the default is lower.
     */
    maxFileBytes: z
      .number()
      .int()
      .min(1)
      .default(100 * 1024 * 1024),
    /** Lifetime of an OAuth access token, in seconds (`expires_in`). */
    oauthAccessTokenSeconds: z.number().int().min(1).default(3600),
    /**
     * Absolute lifetime of an OAuth approval's refresh tokens, in seconds from the approval:
     * rotation never extends it, and the user has to approve again after it.
     */
    oauthRefreshTokenSeconds: z
      .number()
      .int()
      .min(1)
      .default(30 * 24 * 60 * 60),
    /** pino level; `silent` turns logging off. */
    logLevel: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .strict();

export type Config = Readonly<z.infer<typeof configSchema>>;
export type ConfigInput = z.input<typeof configSchema>;
