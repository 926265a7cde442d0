import type { Condition, RuleGroup } from '@seg/segment-engine';

export type RuleNode = Condition | RuleGroup;
/** Where a node sits: the index in each group's `conditions` from the root down. */
export type NodePath = readonly number[];

export function isGroup(node: RuleNode): node is RuleGroup {
  return node.type === 'group';
}

/** The path of the API's validation details, e.g. `rules.conditions[2].conditions[0]`. */
export function apiPath(path: NodePath, base = 'rules'): string {
  return path.reduce((text, index) => `${text}.conditions[${index}]`, base);
}

/** The position shown to people, 1-based: `2.1` is the first item of the second item. */
export function displayPosition(path: NodePath): string {
  return path.map((index) => index + 1).join('.');
}

/** A copy of `group` with the node at `path` replaced by `update(node)`; others are shared. */
export function updateNode(
  group: RuleGroup,
  path: NodePath,
  update: (node: RuleNode) => RuleNode,
): RuleGroup {
  if (path.length === 0) {
    const updated = update(group);
    if (!isGroup(updated)) throw new Error('the root must stay a group');
    return updated;
  }
  const [index, ...rest] = path;
  const child = group.conditions[index];
  if (child === undefined) throw new Error(`no item at ${index}`);
  const replaced =
    rest.length === 0
      ? update(child)
      : isGroup(child)
        ? updateNode(child, rest, update)
        : (() => {
            throw new Error('a condition has no items');
          })();
  return { ...group, conditions: group.conditions.map((c, i) => (i === index ? replaced : c)) };
}

/**
 * A copy of `root` without the node at `path`. A nested group must keep at least one item
 * (segments.md), so a group left empty goes too.
 */
export function removeNode(root: RuleGroup, path: NodePath): RuleGroup {
  if (path.length === 0) throw new Error('the root group cannot be removed');
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1];
  let parentEmptied = false;
  const next = updateNode(root, parentPath, (parent) => {
    if (!isGroup(parent)) throw new Error('a condition has no items');
    const conditions = parent.conditions.filter((_, i) => i !== index);
    parentEmptied = conditions.length === 0;
    return { ...parent, conditions };
  });
  return parentEmptied && parentPath.length > 0 ? removeNode(next, parentPath) : next;
}

export function appendNode(root: RuleGroup, groupPath: NodePath, node: RuleNode): RuleGroup {
  return updateNode(root, groupPath, (group) => {
    if (!isGroup(group)) throw new Error('items are added to groups only');
    return { ...group, conditions: [...group.conditions, node] };
  });
}
