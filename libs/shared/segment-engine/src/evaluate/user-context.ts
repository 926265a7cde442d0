import type { EventSpec } from '../compile/ir';
import { countMatchingEvents, type EventLike } from './event-count';

/** What the one-user evaluator needs about a user. */
export interface UserInput {
  /** The user's profile document (a ProfileDocument, as stored). */
  profile: unknown;
  /** The user's events in the workspace (only the sources/names used matter). */
  events?: readonly EventLike[];
  /** Evaluation time (relative windows). */
  now: Date;
}

/**
 * Per-user state shared by every segment evaluated for that user: events indexed by
 * source + name and counts cached per event condition.
 */
export class UserContext {
  readonly profile: unknown;
  readonly nowMs: number;
  private readonly events: readonly EventLike[];
  private byName?: Map<string, EventLike[]>;
  private readonly counts = new Map<string, number>();

  constructor(input: UserInput) {
    this.profile = input.profile;
    this.nowMs = input.now.getTime();
    this.events = input.events ?? [];
  }

  count(spec: EventSpec): number {
    let n = this.counts.get(spec.key);
    if (n === undefined) {
      const list = this.eventsNamed(spec.source, spec.name);
      n = list.length ? countMatchingEvents(spec, list, this.nowMs) : 0;
      this.counts.set(spec.key, n);
    }
    return n;
  }

  private eventsNamed(source: string, name: string): EventLike[] {
    if (!this.byName) {
      this.byName = new Map();
      for (const e of this.events) {
        const k = `${e.source}\u0000${e.name}`;
        const list = this.byName.get(k);
        if (list) list.push(e);
        else this.byName.set(k, [e]);
      }
    }
    return this.byName.get(`${source}\u0000${name}`) ?? [];
  }
}
