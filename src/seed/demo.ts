import { randomAlphanumeric } from '../crypto/random.js';
import type { Seed } from './seed-schema.js';

export interface DemoSeed {
  seed: Seed;
  loginName: string;
  password: string;
  token: string;
  appId: number;
}

/**
 * The state an empty store starts with: an administrator with a random password, one app with
 * a few records, and an API token for it. An empty store never means "no authentication".
 */
export function demoSeed(): DemoSeed {
  const password = randomAlphanumeric(16);
  const token = randomAlphanumeric(40);
  const seed: Seed = {
    users: [
      { loginName: 'admin', password, name: 'Demo Administrator', admin: true, enabled: true },
    ],
    spaces: [],
    apps: [
      {
        id: 1,
        name: 'Customers',
        code: 'CUSTOMERS',
        description: 'A demo app created on first start.',
        properties: {
          company: {
            type: 'SINGLE_LINE_TEXT',
            code: 'company',
            label: 'Company',
            required: true,
            unique: true,
          },
          email: { type: 'LINK', code: 'email', label: 'Email', protocol: 'MAIL' },
          plan: {
            type: 'DROP_DOWN',
            code: 'plan',
            label: 'Plan',
            options: {
              Free: { label: 'Free', index: '0' },
              Standard: { label: 'Standard', index: '1' },
              Enterprise: { label: 'Enterprise', index: '2' },
            },
          },
          seats: { type: 'NUMBER', code: 'seats', label: 'Seats' },
          since: { type: 'DATE', code: 'since', label: 'Customer since' },
          notes: { type: 'MULTI_LINE_TEXT', code: 'notes', label: 'Notes' },
        },
        records: [
          demoRecord('Cybozu Trading', 'sales@example.com', 'Enterprise', '120', '2021-04-01'),
          demoRecord('Sakura Bakery', 'hello@example.org', 'Standard', '8', '2023-10-15'),
          demoRecord('Fuji Robotics', 'it@example.net', 'Free', '3', '2025-01-20'),
        ],
        apiTokens: [{ token, permissions: ['view', 'add', 'edit', 'delete'], note: 'Demo token' }],
      },
    ],
  };
  return { seed, loginName: 'admin', password, token, appId: 1 };
}

function demoRecord(company: string, email: string, plan: string, seats: string, since: string) {
  return {
    company: { value: company },
    email: { value: email },
    plan: { value: plan },
    seats: { value: seats },
    since: { value: since },
  };
}
