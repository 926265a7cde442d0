import { Client, type QueueStore } from '../core/client';
import { uuid } from '../core/ids';
import type { Options, Outgoing } from '../core/types';

export type * from '../core/types';
export { Client } from '../core/client';

/** The queue in `localStorage`, so what could not be sent survives a reload or going offline. */
function storageStore(key: string): QueueStore {
  return {
    load() {
      try {
        const saved: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
        return Array.isArray(saved) ? (saved as Outgoing[]) : [];
      } catch {
        return [];
      }
    },
    save(items) {
      try {
        localStorage.setItem(key, JSON.stringify(items));
      } catch {
        // Storage full or blocked: the queue still lives in memory.
      }
    },
  };
}

/**
 * The browser client: the queue and the user persist in `localStorage`; waiting messages go
 * out when the browser is back online, on the next page load, and in a last `keepalive`
 * flush when the page is hidden or left. Before `identify`, calls are made for an anonymous
 * id kept in storage (targeting answers it the experiences for everyone).
 */
export class BrowserClient extends Client {
  private readonly prefix: string;

  constructor(options: Options) {
    const prefix = `seg:${options.writeKey.slice(-8)}:`;
    super(options, storageStore(`${prefix}queue`));
    this.prefix = prefix;
    this.userId = localStorage.getItem(`${prefix}user`) ?? undefined;
    addEventListener('online', () => void this.flush());
    addEventListener('pagehide', () => void this.flush(true));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void this.flush(true);
    });
  }

  override identify(...args: Parameters<Client['identify']>): void {
    super.identify(...args);
    localStorage.setItem(`${this.prefix}user`, args[0]);
  }

  override reset(): void {
    super.reset();
    localStorage.removeItem(`${this.prefix}user`);
  }

  protected override who(options?: { userId?: string }): string {
    if (options?.userId ?? this.userId) return super.who(options);
    let anonymous = localStorage.getItem(`${this.prefix}anonymous`);
    if (!anonymous) {
      anonymous = `anon-${uuid()}`;
      localStorage.setItem(`${this.prefix}anonymous`, anonymous);
    }
    return anonymous;
  }
}

let instance: BrowserClient | undefined;

const client = (): BrowserClient => {
  if (!instance) throw new Error('Call init({ writeKey, host }) first');
  return instance;
};

/** Starts the SDK (once per page): `init({ writeKey: 'pk_…', host: 'https://…' })`. */
export function init(options: Options): BrowserClient {
  instance ??= new BrowserClient(options);
  return instance;
}

export const identify: Client['identify'] = (...args) => client().identify(...args);
export const track: Client['track'] = (...args) => client().track(...args);
export const page: Client['page'] = (...args) => client().page(...args);
export const recordInteraction: Client['recordInteraction'] = (...args) =>
  client().recordInteraction(...args);
export const experiences: Client['experiences'] = (...args) => client().experiences(...args);
export const flush = (): Promise<void> => client().flush();
export const reset = (): void => client().reset();
