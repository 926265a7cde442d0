import type { CompiledSegment, EventDocument } from '@seg/segment-engine';
import type { EventKey, MemberStore } from '../reads/member-store';

type IrNode = CompiledSegment['root'];

/** Every (source, name) an event condition of these segments counts (references included). */
export function eventKeysOf(compiled: Iterable<CompiledSegment>): EventKey[] {
  const keys = new Map<string, EventKey>();
  const walk = (node: IrNode): void => {
    switch (node.kind) {
      case 'group':
        node.children.forEach(walk);
        break;
      case 'segment':
        walk(node.child);
        break;
      case 'event':
        keys.set(`${node.event.source}\u0000${node.event.name}`, {
          source: node.event.source,
          name: node.event.name,
        });
        break;
      case 'field':
        break;
    }
  };
  for (const segment of compiled) walk(segment.root);
  return [...keys.values()];
}

/**
 * The events of these users that these segments count, by user (one read): what the one-user
 * evaluator needs for a page of users.
 */
export async function eventsByUser(
  store: MemberStore,
  workspaceId: string,
  userIds: readonly string[],
  compiled: readonly CompiledSegment[],
): Promise<Map<string, EventDocument[]>> {
  const byUser = new Map<string, EventDocument[]>();
  const keys = eventKeysOf(compiled);
  if (keys.length === 0 || userIds.length === 0) return byUser;
  for (const event of await store.eventsOfUsers(workspaceId, userIds, keys)) {
    const list = byUser.get(event.userId);
    if (list) list.push(event);
    else byUser.set(event.userId, [event]);
  }
  return byUser;
}
