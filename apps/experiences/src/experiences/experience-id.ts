import { randomInt } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * `exp_` + 9 base-36 characters of the creation time + 15 random ones: ids sort
 * by creation time, so listing in id order is stable and chronological.
 */
export function newExperienceId(now: Date = new Date()): string {
  const time = now.getTime().toString(36).padStart(9, '0');
  let random = '';
  for (let i = 0; i < 15; i += 1) random += ALPHABET[randomInt(ALPHABET.length)];
  return `exp_${time}${random}`;
}
