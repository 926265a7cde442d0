import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { APP_CONFIG } from '@seg/platform';
import { AttributeWriteRepository, type WrittenAttribute } from '@seg/profile-store';
import type { CustomSource } from '@seg/segment-engine';
import type { UsersConfig } from '../../config';
import { flattenTraits } from '../../ingestion/values';
import { RecountCoverageUseCase } from '../usecases/recount-coverage/recount-coverage.usecase';

/** How often workspaces waiting for a recount are looked at. */
const RECOUNT_TICK_MS = 500;
/**
 * A workspace is counted again at most once per this many times its last count's duration
 * (and never sooner than `COVERAGE_REFRESH_MS`): counting takes at most 5% of one process's
 * time, so a small workspace is up to date within seconds and a large one within minutes
 * (apps/users/README.md has the figures measured).
 */
const REFRESH_PER_COUNT_TIME = 20;

export interface AttributeRef {
  source: CustomSource | null;
  key: string;
}

/** A workspace's last count: when it started and how long it took. */
export interface CountedAt {
  asOf: Date;
  tookMs: number;
}

const refKey = (ref: AttributeRef) => `${ref.source ?? ''}\u0000${ref.key}`;

/**
 * Keeps the catalog's freshness and coverage up to date without touching the hot path:
 *
 * - writers (messages applied, sync pages, kept records, tags) note which attributes they
 *   wrote; the latest time per attribute is kept in memory and stored every
 *   `ATTRIBUTE_WRITES_FLUSH_MS` (`$max`, one small upsert per attribute written meanwhile);
 * - a workspace written to (or a user erased) is counted again in the background, one
 *   workspace at a time, once its last count is old enough (`REFRESH_PER_COUNT_TIME`, `COVERAGE_REFRESH_MS`; at once
 *   when it has none). The catalog read asks for a count too when it finds none, or writes
 *   newer than the count (another instance wrote, or this one restarted before counting).
 */
@Injectable()
export class AttributeFreshness implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AttributeFreshness.name);
  private readonly pending = new Map<string, Map<string, WrittenAttribute>>();
  /** Workspaces to count again. */
  private readonly dirty = new Set<string>();
  /** The last count known of each workspace (this process's, or read with the catalog). */
  private readonly counted = new Map<string, CountedAt>();
  private readonly refreshMs: number;
  private readonly flushMs: number;
  private flushTimer?: NodeJS.Timeout;
  private recountTimer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private recounting?: Promise<void>;

  constructor(
    private readonly writes: AttributeWriteRepository,
    private readonly recount: RecountCoverageUseCase,
    @Inject(APP_CONFIG) config: UsersConfig,
  ) {
    this.refreshMs = config.COVERAGE_REFRESH_MS;
    this.flushMs = config.ATTRIBUTE_WRITES_FLUSH_MS;
  }

  onApplicationBootstrap(): void {
    this.flushTimer = setInterval(() => void this.flush(), this.flushMs);
    this.recountTimer = setInterval(() => this.recountDue(), RECOUNT_TICK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.flushTimer);
    clearInterval(this.recountTimer);
    await this.recounting;
    await this.flush();
  }

  /** These attributes had a value written now (in memory; stored by the next flush). */
  noteWritten(workspaceId: string, attributes: Iterable<AttributeRef>, at = new Date()): void {
    let byKey = this.pending.get(workspaceId);
    for (const ref of attributes) {
      if (!byKey) {
        byKey = new Map();
        this.pending.set(workspaceId, byKey);
      }
      const key = refKey(ref);
      const known = byKey.get(key);
      if (!known || known.at < at) byKey.set(key, { source: ref.source, key: ref.key, at });
    }
    this.markChanged(workspaceId);
  }

  /** The workspace's profiles changed (a write, an erase): its coverage is counted again. */
  markChanged(workspaceId: string): void {
    this.dirty.add(workspaceId);
  }

  /**
   * The catalog read's request: no count yet (`last` null), or one older than writes stored
   * since. Counted at once when none exists, else once the last count is old enough.
   */
  requestRecount(workspaceId: string, last: CountedAt | null): void {
    const known = this.counted.get(workspaceId);
    if (last && (!known || known.asOf < last.asOf)) this.counted.set(workspaceId, last);
    this.dirty.add(workspaceId);
  }

  /** Stores the writes noted so far (tests; also every `ATTRIBUTE_WRITES_FLUSH_MS`). */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batches = [...this.pending];
      this.pending.clear();
      for (const [workspaceId, byKey] of batches) {
        try {
          await this.writes.noteWritten(workspaceId, [...byKey.values()]);
        } catch (error) {
          this.logger.warn({ err: error, workspaceId }, 'lastWrittenAt not stored; retried');
          const again = this.pending.get(workspaceId) ?? new Map<string, WrittenAttribute>();
          for (const [key, written] of byKey) {
            const newer = again.get(key);
            if (!newer || newer.at < written.at) again.set(key, written);
          }
          this.pending.set(workspaceId, again);
        }
      }
    });
    return this.flushing;
  }

  /** When the workspace may be counted again (0: now). */
  private dueAt(workspaceId: string): number {
    const last = this.counted.get(workspaceId);
    if (!last) return 0;
    const wait = Math.max(this.refreshMs, REFRESH_PER_COUNT_TIME * last.tookMs);
    return last.asOf.getTime() + wait;
  }

  private recountDue(): void {
    if (this.recounting) return;
    const now = Date.now();
    const workspaceId = [...this.dirty].find((id) => this.dueAt(id) <= now);
    if (!workspaceId) return;
    this.dirty.delete(workspaceId);
    this.recounting = this.recount
      .execute(workspaceId)
      .then(
        ({ asOf, tookMs }) => void this.counted.set(workspaceId, { asOf, tookMs }),
        (error: unknown) => {
          this.logger.warn({ err: error, workspaceId }, 'Attribute coverage not counted; retried');
          this.counted.set(workspaceId, { asOf: new Date(), tookMs: 0 });
          this.markChanged(workspaceId);
        },
      )
      .finally(() => {
        this.recounting = undefined;
      });
  }
}

/** The attributes a source's object gives a value (its leaf paths, nulls left out). */
export function writtenAttributes(source: CustomSource, attributes: object): AttributeRef[] {
  return flattenTraits(attributes as Record<string, unknown>)
    .filter((leaf) => leaf.raw !== null && leaf.raw !== undefined)
    .map((leaf) => ({ source, key: leaf.path }));
}
