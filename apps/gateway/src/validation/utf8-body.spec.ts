import { InvalidUtf8Error, rejectInvalidUtf8 } from './utf8-body';

const check = (bytes: number[] | string) => () =>
  rejectInvalidUtf8(
    {} as never,
    {} as never,
    typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes),
  );

describe('rejectInvalidUtf8', () => {
  it('lets UTF-8 through, multi-byte letters and emoji included', () => {
    expect(check('{"name":"Zoë 🚀 東京"}')).not.toThrow();
  });

  it.each([
    ['a lone continuation byte', [0x22, 0x80, 0x22]],
    ['0xff', [0x22, 0xff, 0x22]],
    ['a truncated sequence', [0x22, 0xc3, 0x28, 0x22]],
    ['an overlong encoding of "/"', [0x22, 0xc0, 0xaf, 0x22]],
    ['a UTF-16 surrogate', [0x22, 0xed, 0xa0, 0x80, 0x22]],
  ])('refuses %s with a 400', (_, bytes) => {
    expect(check(bytes)).toThrow(InvalidUtf8Error);
    expect(new InvalidUtf8Error().status).toBe(400);
  });
});
