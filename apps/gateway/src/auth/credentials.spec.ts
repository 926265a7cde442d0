import { parseAuthorization } from './credentials';

const basic = (value: string) => `Basic ${Buffer.from(value).toString('base64')}`;

describe('parseAuthorization', () => {
  it('reads bearer tokens, any case', () => {
    expect(parseAuthorization('Bearer sk_abc')).toEqual({ scheme: 'bearer', token: 'sk_abc' });
    expect(parseAuthorization('bearer  sk_abc ')).toEqual({ scheme: 'bearer', token: 'sk_abc' });
  });

  it("reads Segment's Basic auth: key as user, empty password", () => {
    expect(parseAuthorization(basic('pk_abc:'))).toEqual({
      scheme: 'basic',
      user: 'pk_abc',
      password: '',
    });
    expect(parseAuthorization(basic('pk_abc:secret'))).toMatchObject({ password: 'secret' });
  });

  it('tells missing from unsupported', () => {
    expect(parseAuthorization(undefined)).toEqual({ scheme: 'none' });
    expect(parseAuthorization('  ')).toEqual({ scheme: 'none' });
    expect(parseAuthorization('Token abc')).toEqual({ scheme: 'unsupported' });
    expect(parseAuthorization('Bearer')).toEqual({ scheme: 'unsupported' });
    expect(parseAuthorization(basic('no-colon'))).toEqual({ scheme: 'unsupported' });
  });
});
