import type { Filter } from '../compile/field-predicate';
import type { EventSpec, IrNode } from '../compile/ir';

/** A profile filter, or a constant: true = every profile, false = none. */
export type FilterOrConstant = Filter | boolean;

/**
 * The profile filter of a rules tree once every event condition's value is known (`inPositive`
 * tells whether the user is in the condition's positive form). Constants are folded away so
 * no `{}`/empty `$and` reaches the database.
 */
export function treeToFilter(
  node: IrNode,
  nowMs: number,
  inPositive: (spec: EventSpec) => boolean,
): FilterOrConstant {
  switch (node.kind) {
    case 'group': {
      if (node.children.length === 0) return true;
      const isAnd = node.operator === 'and';
      const parts: Filter[] = [];
      for (const child of node.children) {
        const f = treeToFilter(child, nowMs, inPositive);
        if (f === true) {
          if (!isAnd) return true;
        } else if (f === false) {
          if (isAnd) return false;
        } else {
          parts.push(f);
        }
      }
      if (parts.length === 0) return isAnd;
      if (parts.length === 1) return parts[0];
      return isAnd ? { $and: parts } : { $or: parts };
    }
    case 'field':
      return node.predicate.filter(nowMs);
    case 'event': {
      const spec = node.event;
      if (spec.always) return true;
      return inPositive(spec) !== spec.negate;
    }
    case 'segment': {
      const f = treeToFilter(node.child, nowMs, inPositive);
      if (!node.negate) return f;
      return typeof f === 'boolean' ? !f : { $nor: [f] };
    }
  }
}
