import { invalidInput, type LocalText } from '../errors/kintone-error.js';
import { inputMessage } from '../errors/input-messages.js';
import type { Mention } from '../store/comments.js';
import type { ApiCall } from './endpoint.js';
import { readList, readObject } from './param-readers.js';

/** Kintone takes up to 10 mentions on a record comment and on a space thread comment. */
const MAX_MENTIONS = 10;
const MENTION_TYPES = ['USER', 'GROUP', 'ORGANIZATION'] as const;

/** Kintone names a guest user in a mention as `guest/` and the guest's login e-mail address. */
const GUEST_PREFIX = 'guest/';

/**
 * Reads `comment.mentions`: users and groups that exist (kintone-local has no organizations),
 * each named once. `guests` holds the e-mail addresses of the guest users who may be named, the
 * members of the guest space the comment is posted in; elsewhere no guest can be named. Every
 * problem is reported at once, as CB_VA01, before anything is written.
 */
export async function readMentions(
  call: ApiCall,
  value: unknown,
  guests: ReadonlySet<string> = new Set(),
): Promise<Mention[]> {
  if (value === undefined || value === null) return [];
  const list = readList(value, 'comment.mentions', { min: 0, max: MAX_MENTIONS });
  const mentions: Mention[] = [];
  const problems: Array<{ key: string; text: LocalText }> = [];

  for (const [i, item] of list.entries()) {
    const key = `comment.mentions[${i}]`;
    const entry = readObject(item, key);
    const code = entry.code;
    const type = entry.type;
    if (typeof code !== 'string' || code === '') {
      problems.push({ key: `${key}.code`, text: inputMessage('REQUIRED_PARAMETER') });
      continue;
    }
    if (!MENTION_TYPES.includes(type as Mention['type'])) {
      problems.push({ key: `${key}.type`, text: inputMessage('NOT_IN_ENUM') });
      continue;
    }
    const problem = await mentionProblem(call, code, type as Mention['type'], guests);
    if (problem) problems.push({ key: `${key}.code`, text: problem });
    // Naming someone twice mentions (and notifies) them once.
    else if (!mentions.some((m) => m.code === code && m.type === type)) {
      mentions.push({ code, type: type as Mention['type'] });
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
  return mentions;
}

async function mentionProblem(
  call: ApiCall,
  code: string,
  type: Mention['type'],
  guests: ReadonlySet<string>,
): Promise<LocalText | undefined> {
  const store = call.services.store;
  if (type === 'ORGANIZATION') return inputMessage('NO_ORGANIZATIONS', { code });
  if (type === 'USER') {
    const known = code.startsWith(GUEST_PREFIX)
      ? guests.has(code.slice(GUEST_PREFIX.length))
      : (await store.users.findByLoginName(code)) !== undefined;
    return known ? undefined : inputMessage('UNKNOWN_USER', { code });
  }
  return (await store.groups.exists(code)) ? undefined : inputMessage('UNKNOWN_GROUP', { code });
}

/**
 * Kintone puts the people a comment mentions in front of its text, without the "@", on a line
 * of their own.
 */
export function withMentions(text: string, mentions: readonly Mention[]): string {
  if (mentions.length === 0) return text;
  return `${mentions.map((m) => m.code).join(' ')} \n${text}`;
}
