import { KintoneError } from '../../errors/kintone-error.js';

const CONTROL = /[\u0000-\u001f\u007f]/;

/** A login name: what a password header can carry (no colon), without spaces or controls. */
export function readLoginName(raw: string): string {
  const name = raw.trim();
  if (name === '' || name.length > 128 || /[\s:]/.test(name) || CONTROL.test(name)) {
    throw new KintoneError('KL_AD01');
  }
  return name;
}

/** A display name or group name. */
export function readName(raw: string): string {
  const name = raw.trim();
  if (name === '' || name.length > 128 || CONTROL.test(name)) throw new KintoneError('KL_AD05');
  return name;
}

/** A new password: long enough to resist guessing, short enough to hash quickly. */
export function readNewPassword(raw: string): string {
  if (raw.length < 8 || raw.length > 128 || CONTROL.test(raw)) throw new KintoneError('KL_AD03');
  return raw;
}

/** A group code: one word, not one of the built-in groups. */
export function readGroupCode(raw: string, reserved: readonly string[]): string {
  const code = raw.trim();
  if (
    code === '' ||
    code.length > 128 ||
    /\s/.test(code) ||
    CONTROL.test(code) ||
    reserved.some((r) => r.toLowerCase() === code.toLowerCase())
  ) {
    throw new KintoneError('KL_AD06');
  }
  return code;
}
