import type { CompiledSegment } from '@seg/segment-engine';
import type { EventKey } from '../reads/member-store';

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
