/**
 * Compares strings by Unicode code point, i.e. MongoDB's binary (UTF-8) order for `$sort` and
 * `$gt` on strings; JavaScript's default UTF-16 order differs above U+E000.
 */
export function compareUserIds(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x - y;
    }
  }
  return a.length - b.length;
}
