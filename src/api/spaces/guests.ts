import { hashPassword } from '../../auth/password-hash.js';
import { invalidInput, KintoneError, type LocalText } from '../../errors/kintone-error.js';
import { inputMessage } from '../../errors/input-messages.js';
import type { NewGuest } from '../../store/guests.js';
import type { ApiCall, Endpoint } from '../endpoint.js';
import { readList } from '../param-readers.js';
import { readChoice, readObjectList, readText } from '../settings/setting-readers.js';
import { openSpace } from './open-space.js';

/** Profile entries of a guest, each with Kintone's length limit. */
const PROFILE_LIMITS = {
  surNameReading: 64,
  givenNameReading: 64,
  company: 100,
  division: 100,
  phone: 100,
  callto: 256,
} as const;

const LOCALES = ['auto', 'ja', 'en', 'zh'] as const;

/**
 * `POST guests.json`: adds guest users, for the system's administrators. Guests belong to guest
 * spaces only (see `PUT space/guests.json`) and cannot use the REST API, as in Kintone.
 */
export const addGuests: Endpoint = {
  path: 'guests',
  method: 'POST',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    requireSystemAdmin(call);
    const given = readObjectList(call.params.guests, 'guests', 100);
    if (given.length === 0) refuse('guests', inputMessage('REQUIRED_PARAMETER'));

    const guests: NewGuest[] = [];
    for (const [i, guest] of given.entries()) {
      const at = (key: string) => `guests[${i}].${key}`;
      const code = readText(guest.code, at('code'), '', { min: 1, max: 256 });
      if (!/^[^\s@]+@[^\s@]+$/.test(code)) refuse(at('code'), inputMessage('NOT_EMAIL'));
      const password = readText(guest.password, at('password'), '', { min: 1, max: 64 });
      const details: Record<string, string> = {
        timezone: readText(guest.timezone, at('timezone'), '', { min: 1, max: 64 }),
        locale: readChoice(guest.locale, at('locale'), LOCALES, 'auto'),
      };
      for (const [key, max] of Object.entries(PROFILE_LIMITS)) {
        details[key] = readText(guest[key], at(key), '', { max });
      }
      guests.push({
        code,
        name: readText(guest.name, at('name'), '', { min: 1, max: 128 }),
        passwordHash: await hashPassword(password),
        details,
      });
    }

    const store = call.services.store;
    const codes = guests.map((g) => g.code);
    const taken = await store.guests.existing(codes);
    for (const [i, code] of codes.entries()) {
      if (
        taken.has(code) ||
        codes.indexOf(code) !== i ||
        (await store.users.findByLoginName(code))
      ) {
        refuse(`guests[${i}].code`, inputMessage('CODE_TAKEN', { code }));
      }
    }
    await store.guests.add(guests);
    return {};
  },
};

/** `DELETE guests.json`: removes guest users from the system and from their spaces. */
export const deleteGuests: Endpoint = {
  path: 'guests',
  method: 'DELETE',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    requireSystemAdmin(call);
    const codes = readList(call.params.guests, 'guests', { min: 1, max: 100 }).map(String);
    await requireGuests(call, codes);
    await call.services.store.guests.remove(codes);
    return {};
  },
};

/** `PUT space/guests.json`: the guest members of a guest space, replaced as a whole. */
export const updateSpaceGuests: Endpoint = {
  path: 'space/guests',
  method: 'PUT',
  acceptsApiToken: false,
  scope: null,
  async handle(call) {
    const { space } = await openSpace(call, 'admin');
    if (!space.isGuest) throw new KintoneError('CB_NO02');
    const codes = readList(call.params.guests, 'guests', { min: 0, max: 100 }).map(String);
    await requireGuests(call, codes);
    await call.services.store.guests.replaceInSpace(space.id, codes);
    return {};
  },
};

async function requireGuests(call: ApiCall, codes: readonly string[]): Promise<void> {
  const known = await call.services.store.guests.existing(codes);
  for (const [i, code] of codes.entries()) {
    if (!known.has(code)) refuse(`guests[${i}]`, inputMessage('UNKNOWN_USER', { code }));
  }
}

function requireSystemAdmin(call: ApiCall): void {
  if (call.principal.kind !== 'user' || !call.principal.user.isAdmin) {
    throw new KintoneError('CB_NO02');
  }
}

function refuse(key: string, text: LocalText): never {
  throw invalidInput([{ key, text }]);
}
