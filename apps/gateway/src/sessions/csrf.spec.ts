import { DomainError } from '@seg/contracts';
import { checkCsrf } from './csrf';

const TOKEN = 'Csrf0123456789Csrf0123456789abcd';

function outcome(method: string, header: unknown): string {
  try {
    checkCsrf(method, header, TOKEN);
    return 'allowed';
  } catch (error) {
    if (error instanceof DomainError) return `${error.code}: ${error.message.split(':')[0]}`;
    throw error;
  }
}

describe('checkCsrf', () => {
  it('lets reads through without the header', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      expect(outcome(method, undefined)).toBe('allowed');
    }
  });

  it('refuses every state-changing method without the header, or with a wrong one', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
      expect(outcome(method, undefined)).toBe('FORBIDDEN: Missing X-CSRF-Token header');
      expect(outcome(method, '')).toBe('FORBIDDEN: Missing X-CSRF-Token header');
      expect(outcome(method, `${TOKEN}x`)).toBe('FORBIDDEN: Wrong X-CSRF-Token header');
      expect(outcome(method, TOKEN.slice(1))).toBe('FORBIDDEN: Wrong X-CSRF-Token header');
      expect(outcome(method, [TOKEN, TOKEN])).toBe('FORBIDDEN: Missing X-CSRF-Token header');
    }
  });

  it("allows state changes that carry the session's token", () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(outcome(method, TOKEN)).toBe('allowed');
    }
  });
});
