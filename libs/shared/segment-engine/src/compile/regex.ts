/**
 * Escapes every regex metacharacter (`. * + ? ( ) [ ] { } \ ^ $ |`) so that a user value
 * matches literally in MongoDB's PCRE, FerretDB's Go RE2 and JavaScript alike.
 */
export function escapeRegex(value: string): string {
  return value.replace(/[.*+?()[\]{}\\^$|]/g, '\\$&');
}

/**
 * End-of-text anchor. `$` also matches before a final newline in PCRE (MongoDB) but not in
 * RE2 (FerretDB); `\z` means "end of text" in both.
 */
export const END_OF_TEXT = '\\z';
