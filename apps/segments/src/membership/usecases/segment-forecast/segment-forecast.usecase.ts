import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import {
  type CompiledSegment,
  type EventDocument,
  evaluate,
  nextChangeAt,
  type ProfileDocument,
} from '@seg/segment-engine';
import { ReadModelRepository } from '../../../read-model/read-model.repository';
import { MemberStore } from '../../../reads/member-store';
import { eventsByUser } from '../../event-keys';
import { SavedSegment } from '../../saved-segment';

export type SegmentForecastCommand = ParsedRequestOf<'segments.segment.forecast'>;

const HOUR_MS = 3_600_000;
const HORIZONS = { next24h: 24 * HOUR_MS, next7d: 7 * 24 * HOUR_MS } as const;
/** Users read and evaluated together. */
const PAGE = 500;
/** Past this, the figures are scaled from the users evaluated so far (an estimate). */
const BUDGET_MS = 1_500;
/** A flip that does not change membership (beyond the engine's instants) is followed this often. */
const MAX_STEPS = 8;

/**
 * Who leaves and who joins a segment by time alone (relative windows sliding, no new data) in
 * the next 24 hours and 7 days. Only users the read model says can change before the horizon
 * (their `nextChangeAt`) are read; each is evaluated now and at the instant the engine says
 * its membership first differs — the same engine as membership, so the forecast comes true
 * unless new data arrives.
 */
@Injectable()
export class SegmentForecastUseCase {
  constructor(
    private readonly saved: SavedSegment,
    private readonly readModel: ReadModelRepository,
    private readonly store: MemberStore,
  ) {}

  async execute(command: SegmentForecastCommand): Promise<ResponseOf<'segments.segment.forecast'>> {
    const { workspaceId, segmentId } = command;
    const compiled = await this.saved.compile(workspaceId, segmentId);
    const now = new Date();
    const zero = { next24h: { leave: 0, join: 0 }, next7d: { leave: 0, join: 0 } };
    const answer = { asOf: now.toISOString(), timeDependent: compiled.timeDependent, ...zero };
    if (!compiled.timeDependent) return { ...answer, exact: true, candidates: 0, evaluated: 0 };

    const horizon = new Date(now.getTime() + HORIZONS.next7d);
    const candidates = await this.readModel.changingBefore(workspaceId, horizon);
    const started = Date.now();
    const counts = { next24h: { leave: 0, join: 0 }, next7d: { leave: 0, join: 0 } };
    let evaluated = 0;
    for (let i = 0; i < candidates.length && Date.now() - started < BUDGET_MS; i += PAGE) {
      const userIds = candidates.slice(i, i + PAGE);
      const [profiles, events] = await Promise.all([
        this.store.profilesOf(workspaceId, userIds),
        eventsByUser(this.store, workspaceId, userIds, [compiled]),
      ]);
      for (const profile of profiles) {
        const flip = firstFlip(compiled, profile, events.get(profile.userId) ?? [], now, horizon);
        if (flip) {
          const key = flip.member ? 'leave' : 'join';
          for (const [name, ms] of Object.entries(HORIZONS) as [keyof typeof HORIZONS, number][]) {
            if (flip.at.getTime() <= now.getTime() + ms) counts[name][key] += 1;
          }
        }
      }
      evaluated += userIds.length;
    }
    const exact = evaluated >= candidates.length;
    const scale = exact || evaluated === 0 ? 1 : candidates.length / evaluated;
    const scaled = (n: number) => Math.round(n * scale);
    return {
      ...answer,
      next24h: { leave: scaled(counts.next24h.leave), join: scaled(counts.next24h.join) },
      next7d: { leave: scaled(counts.next7d.leave), join: scaled(counts.next7d.join) },
      exact,
      candidates: candidates.length,
      evaluated,
    };
  }
}

/**
 * Whether the user is a member now, and the first instant up to `horizon` at which that
 * changes by time alone (null: it does not).
 */
export function firstFlip(
  compiled: CompiledSegment,
  profile: ProfileDocument,
  events: EventDocument[],
  now: Date,
  horizon: Date,
): { member: boolean; at: Date } | null {
  const member = evaluate(compiled, { profile, events, now });
  let at: Date | null = now;
  for (let step = 0; step < MAX_STEPS && at; step++) {
    at = nextChangeAt(compiled, { profile, events, now: at });
    if (!at || at > horizon) return null;
    if (evaluate(compiled, { profile, events, now: at }) !== member) return { member, at };
  }
  return null;
}
