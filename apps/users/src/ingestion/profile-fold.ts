import type {
  AttributeObject,
  AttributeValue,
  CustomSource,
  ProfileDocument,
} from '@seg/segment-engine';
import { cloneAttributes, setLeaf } from './values';

/** A call ≥ 30 minutes after the user's previous activity starts a new session. */
const SESSION_GAP_MS = 30 * 60 * 1000;

/** One message ready to apply: traits already normalised to their catalog types. */
export interface ActivityMessage {
  messageId: string;
  timestamp: Date;
  /** undefined: not sent; null: cleared. */
  name?: string | null;
  email?: string | null;
  traits?: Array<{ path: string; value: AttributeValue }>;
  /** Where the traits go: `custom.<source>` (default `sdk`). */
  source?: CustomSource;
}

interface TraitConflict {
  messageId: string;
  source: CustomSource;
  path: string;
  value: AttributeValue;
}

export interface FoldResult {
  profile: ProfileDocument;
  /** `$set` paths for an existing profile (unused for a new one). */
  set: Record<string, unknown>;
  conflicts: TraitConflict[];
  changes: Array<'activity' | 'attributes'>;
}

/**
 * Applies messages, in arrival order, to a user's profile (null: a new user).
 *
 * - `createdAt` is the earliest message timestamp ever seen, `lastActivityAt` the
 *   latest: it never moves backwards.
 * - Sessions: the first call starts session 1; a call whose timestamp is ≥ 30 min
 *   after `lastActivityAt` (the latest activity seen so far) starts a new one. A call
 *   that arrives late, timestamped before the latest activity, never starts a session
 *   (we cannot tell where it would have fallen), it only moves `createdAt` back if earlier.
 * - Traits are merged in arrival order (a later identify wins), as paths under
 *   `custom.<source>` (`sdk` unless the message says otherwise); a path that collides with an existing value of another shape (a value
 *   under a scalar, a scalar over an object) is refused and reported.
 */
export function foldMessages(
  workspaceId: string,
  userId: string,
  current: ProfileDocument | null,
  messages: ActivityMessage[],
): FoldResult {
  const first = messages[0];
  if (!first) throw new Error('foldMessages needs at least one message');
  const profile: ProfileDocument = current
    ? {
        ...current,
        custom: {
          ...current.custom,
          sdk: cloneAttributes(current.custom?.sdk),
          segment: cloneAttributes(current.custom?.segment),
        },
      }
    : {
        workspaceId,
        userId,
        createdAt: first.timestamp,
        lastActivityAt: first.timestamp,
        sessions: 1,
        tags: [],
        custom: {},
        interactions: [],
        experiences: { seen: [], completed: [], answers: [] },
      };
  const set: Record<string, unknown> = {};
  const conflicts: TraitConflict[] = [];
  let activity = current === null;
  let attributes = false;

  messages.forEach((message, index) => {
    const ts = message.timestamp;
    if (current !== null || index > 0) {
      if (ts.getTime() - profile.lastActivityAt.getTime() >= SESSION_GAP_MS) {
        profile.sessions += 1;
        activity = true;
      }
      if (ts > profile.lastActivityAt) {
        profile.lastActivityAt = ts;
        activity = true;
      }
      if (ts < profile.createdAt) {
        profile.createdAt = ts;
        activity = true;
      }
    }
    for (const field of ['name', 'email'] as const) {
      const value = message[field];
      if (value !== undefined && value !== profile[field]) {
        profile[field] = value;
        set[field] = value;
        attributes = true;
      }
    }
    const source = message.source ?? 'sdk';
    for (const trait of message.traits ?? []) {
      const target = (profile.custom[source] ??= {}) as AttributeObject;
      if (setLeaf(target, trait.path.split('.'), trait.value)) {
        set[`custom.${source}.${trait.path}`] = trait.value;
        attributes = true;
      } else {
        conflicts.push({
          messageId: message.messageId,
          source,
          path: trait.path,
          value: trait.value,
        });
      }
    }
  });
  for (const source of ['sdk', 'segment'] as const) {
    const attributesOf = profile.custom[source];
    if (attributesOf && Object.keys(attributesOf).length === 0 && !current?.custom?.[source]) {
      delete profile.custom[source];
    }
  }
  set['createdAt'] = profile.createdAt;
  set['lastActivityAt'] = profile.lastActivityAt;
  set['sessions'] = profile.sessions;
  const changes: FoldResult['changes'] = [];
  if (activity) changes.push('activity');
  if (attributes) changes.push('attributes');
  return { profile, set, conflicts, changes };
}
