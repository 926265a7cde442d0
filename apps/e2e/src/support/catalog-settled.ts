import { waitFor } from '@seg/testing';
import { api } from './api';

interface CatalogEntry {
  key: string;
  coverage: unknown;
  lastWrittenAt: string | null;
}

/**
 * Waits until `GET /v1/attributes` stops changing by itself: every attribute counted
 * (`coverage`, counted in the background after writes) and the writes' times stored
 * (`lastWrittenAt`, stored every 2 s), the same answer twice 2.5 s apart. Suites that compare
 * snapshots before and after call it before their first snapshot.
 */
export async function catalogSettled(secretKey: string, baseUrl?: string): Promise<void> {
  const read = async () =>
    JSON.stringify(
      (await api<CatalogEntry[]>('GET', '/v1/attributes', { key: secretKey, baseUrl })).body,
    );
  let previous = '';
  await waitFor(
    async () => {
      const now = await read();
      const entries = JSON.parse(now) as CatalogEntry[];
      const stable =
        now === previous &&
        entries.every((entry) => entry.coverage !== null) &&
        entries.some((entry) => entry.key === 'sessions' && entry.lastWrittenAt !== null);
      previous = now;
      return stable;
    },
    { timeoutMs: 30_000, intervalMs: 2_500, what: 'the attribute catalog counted and stored' },
  );
}
