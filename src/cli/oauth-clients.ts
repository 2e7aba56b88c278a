import type { Command } from 'commander';
import { AuthEventTrail } from '../audit/auth-events.js';
import {
  editClient,
  registerClient,
  removeClient,
  rotateClientSecret,
  setClientUsers,
  splitLogins,
  userIdsOf,
  type AdminChange,
} from '../oauth/client-registry.js';
import { OAuthAudit } from '../oauth/oauth-audit.js';
import type { Store } from '../store/store.js';
import { NotInStoreError, withStore } from './with-store.js';
import { commonStoreOptions } from './options.js';

function print(lines: readonly string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * `kintone-local oauth-client add|list|set|set-users|rotate-secret|remove`: OAuth clients as a
 * cybozu.com administrator registers them. The client id and a 256-bit secret are generated;
 * the secret is printed once and only its digest is stored.
 */
export function registerOAuthClients(program: Command): void {
  const clients = program.command('oauth-client').description('Manage OAuth clients');

  commonStoreOptions(
    clients
      .command('add')
      .description('Register an OAuth client and print its credentials once')
      .requiredOption('--name <name>', 'client name shown on the consent page')
      .requiredOption('--redirect-uri <url>', 'the redirect endpoint, matched exactly')
      .option('--users <logins>', 'comma list of login names allowed to use the client', '')
      .option('--require-pkce', 'refuse authorization requests without a PKCE S256 challenge'),
  ).action(async (options) => {
    await withStore(options, async (store) => {
      const { clientId, clientSecret } = await registerClient(
        store,
        {
          name: options.name,
          redirectUri: options.redirectUri,
          allowedLogins: splitLogins(options.users),
          requirePkce: Boolean(options.requirePkce),
        },
        new Date().toISOString(),
      );
      print([
        `Added OAuth client "${options.name}". The secret is shown only this once:`,
        `  client_id:     ${clientId}`,
        `  client_secret: ${clientSecret}`,
      ]);
    });
  });

  commonStoreOptions(clients.command('list').description('List OAuth clients')).action(
    async (options) => {
      await withStore(options, async (store) => {
        const listed = await store.oauthClients.list();
        if (listed.length === 0) return print(['No OAuth clients.']);
        print(
          listed.map(
            (c) =>
              `${c.id}  ${c.name}  ${c.redirectUri}  users: ${c.allowedUsers.join(',') || '-'}` +
              (c.requirePkce ? '  (PKCE required)' : ''),
          ),
        );
      });
    },
  );

  commonStoreOptions(
    clients
      .command('set')
      .description("Change a client's name or redirect URI; its tokens stay valid")
      .requiredOption('--client-id <id>', 'the client')
      .option('--name <name>', 'the new name shown on the consent page')
      .option(
        '--redirect-uri <url>',
        'the new redirect endpoint; codes for the old one stop working',
      ),
  ).action(async (options) => {
    if (options.name === undefined && options.redirectUri === undefined) {
      throw new Error('Give --name, --redirect-uri or both.');
    }
    await withStore(options, async (store) => {
      const saved = await editClient(store, options.clientId, {
        name: options.name,
        redirectUri: options.redirectUri,
      });
      if (!saved) throw new NotInStoreError(`No OAuth client ${options.clientId}.`);
      print([`Saved OAuth client ${options.clientId}: "${saved.name}", ${saved.redirectUri}`]);
    });
  });

  commonStoreOptions(
    clients
      .command('set-users')
      .description('Replace the users allowed to use a client; the others lose their tokens')
      .requiredOption('--client-id <id>', 'the client')
      .requiredOption('--users <logins>', 'comma list of login names (empty for none)'),
  ).action(async (options) => {
    await withStore(options, async (store) => {
      await requireClient(store, options.clientId);
      const userIds = await userIdsOf(store, splitLogins(options.users));
      await withAudit(store, (change) => setClientUsers(store, options.clientId, userIds, change));
      print([`Client ${options.clientId} now allows ${userIds.length} user(s).`]);
    });
  });

  commonStoreOptions(
    clients
      .command('rotate-secret')
      .description('Generate a new secret and revoke every token issued under the old one')
      .requiredOption('--client-id <id>', 'the client'),
  ).action(async (options) => {
    await withStore(options, async (store) => {
      const secret = await withAudit(store, (change) =>
        rotateClientSecret(store, options.clientId, change),
      );
      if (secret === null) throw new NotInStoreError(`No OAuth client ${options.clientId}.`);
      print([
        `New secret for ${options.clientId} (shown only this once; all its tokens are revoked):`,
        `  client_secret: ${secret}`,
      ]);
    });
  });

  commonStoreOptions(
    clients
      .command('remove')
      .description('Remove a client with all its codes and tokens')
      .requiredOption('--client-id <id>', 'the client'),
  ).action(async (options) => {
    await withStore(options, async (store) => {
      const removed = await withAudit(store, (change) =>
        removeClient(store, options.clientId, change),
      );
      if (!removed) {
        throw new NotInStoreError(`No OAuth client ${options.clientId}.`);
      }
      print([`Removed OAuth client ${options.clientId} and revoked its tokens.`]);
    });
  });
}

async function requireClient(store: Store, clientId: string): Promise<void> {
  if (!(await store.oauthClients.find(clientId)))
    throw new NotInStoreError(`No OAuth client ${clientId}.`);
}

/** Runs an administrator's change and writes its audit events before the store closes. */
async function withAudit<T>(store: Store, work: (change: AdminChange) => Promise<T>): Promise<T> {
  const trail = new AuthEventTrail(store.auditLog);
  try {
    return await work({ audit: new OAuthAudit(trail, store.users) });
  } finally {
    await trail.flush();
  }
}
