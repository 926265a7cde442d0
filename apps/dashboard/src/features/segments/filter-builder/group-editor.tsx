import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconFolderPlus, IconPlus, IconTrash } from '@tabler/icons-react';
import { Fragment } from 'react';
import type { Condition, RuleGroup } from '@seg/segment-engine';
import { LIMITS } from '@seg/segment-engine';
import { ConditionEditor } from './condition-editor';
import {
  fieldOf,
  issuesOfNode,
  type FieldIssue,
  relatedPositions,
  type RuleWarning,
  warningsOfNode,
} from './error-paths';
import type { FilterCatalog } from './filter-catalog';
import type { FilterCounts } from './filter-counts';
import { NodeCount } from './node-count';
import { apiPath, displayPosition, isGroup, type NodePath, type RuleNode } from './rules-tree';

export interface GroupActions {
  replace: (path: NodePath, node: RuleNode) => void;
  remove: (path: NodePath) => void;
  addFilter: (groupPath: NodePath) => void;
  addGroup: (groupPath: NodePath) => void;
}

interface GroupEditorProps {
  group: RuleGroup;
  path: NodePath;
  catalog: FilterCatalog;
  issues: readonly FieldIssue[];
  warnings?: readonly RuleWarning[];
  counts?: FilterCounts;
  basePath: string;
  actions: GroupActions;
}

const DEPTH_COLORS = ['indigo', 'teal', 'grape', 'orange'];

/** A group: its and / or switch, its items (filters and groups), Add filter and Add group. */
export function GroupEditor(props: GroupEditorProps) {
  const { group, path, catalog, issues, warnings = [], counts, basePath, actions } = props;
  const isRoot = path.length === 0;
  const depth = path.length + 1; // the root counts as one level
  const position = displayPosition(path);
  const nodeApiPath = apiPath(path, basePath);
  const ownIssues = issuesOfNode(issues, nodeApiPath, true);
  const ownWarnings = warningsOfNode(warnings, nodeApiPath);
  const color = DEPTH_COLORS[(depth - 1) % DEPTH_COLORS.length];
  const canNest = depth < LIMITS.maxGroupDepth;

  return (
    <Box
      role="group"
      aria-label={isRoot ? 'Filters' : `Group ${position}`}
      p={isRoot ? 0 : 'sm'}
      pl={isRoot ? 0 : 'md'}
      style={
        isRoot
          ? undefined
          : {
              borderLeft: `3px solid var(--mantine-color-${color}-5)`,
              background: `var(--mantine-color-${color}-0)`,
              borderRadius: 'var(--mantine-radius-md)',
            }
      }
    >
      <Group justify="space-between" mb="sm">
        <Group gap="sm">
          <Text size="sm" fw={500}>
            {isRoot ? 'Users matching' : 'Matching'}
          </Text>
          <SegmentedControl
            size="xs"
            value={group.operator}
            data={[
              { value: 'and', label: 'and' },
              { value: 'or', label: 'or' },
            ]}
            onChange={(operator) =>
              actions.replace(path, { ...group, operator: operator as RuleGroup['operator'] })
            }
          />
          <Text size="sm" c="dimmed">
            {group.operator === 'and' ? 'all of these filters' : 'any of these filters'}
          </Text>
          <NodeCount
            counts={counts}
            path={nodeApiPath}
            index={isRoot ? null : (path.at(-1) ?? null)}
          />
        </Group>
        {!isRoot && (
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Remove group ${position}`}
            onClick={() => actions.remove(path)}
          >
            <IconTrash size={18} />
          </ActionIcon>
        )}
      </Group>

      <Stack gap="xs">
        {isRoot && group.conditions.length === 0 && (
          <Text size="sm" c="dimmed">
            No filters yet: every user matches.
          </Text>
        )}
        {group.conditions.map((item, index) => {
          const itemPath = [...path, index];
          return (
            <Fragment key={index}>
              {index > 0 && (
                <Badge variant="light" color={color} size="sm" radius="sm" w="fit-content">
                  {group.operator}
                </Badge>
              )}
              {isGroup(item) ? (
                <GroupEditor
                  group={item}
                  path={itemPath}
                  catalog={catalog}
                  issues={issues}
                  warnings={warnings}
                  counts={counts}
                  basePath={basePath}
                  actions={actions}
                />
              ) : (
                <ConditionEditor
                  condition={item}
                  catalog={catalog}
                  position={displayPosition(itemPath)}
                  apiPath={apiPath(itemPath, basePath)}
                  issues={issuesOfNode(issues, apiPath(itemPath, basePath), false)}
                  warnings={warningsOfNode(warnings, apiPath(itemPath, basePath))}
                  counts={counts}
                  index={index}
                  basePath={basePath}
                  onChange={(condition: Condition) => actions.replace(itemPath, condition)}
                  onRemove={() => actions.remove(itemPath)}
                />
              )}
            </Fragment>
          );
        })}
      </Stack>

      {ownIssues.map((issue) => (
        <Text key={issue.path + issue.message} size="sm" c="red.7" mt="xs">
          {fieldOf(issue, nodeApiPath) || 'group'}: {issue.message}
        </Text>
      ))}

      {ownWarnings.map((warning) => (
        <Text key={warning.code + warning.message} size="sm" c="yellow.9" mt="xs">
          Warning: {warning.message}
          {relatedPositions(warning, basePath)}
        </Text>
      ))}

      <Group gap="xs" mt="sm">
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => actions.addFilter(path)}
        >
          Add filter
        </Button>
        <Tooltip label={`Groups nest at most ${LIMITS.maxGroupDepth} levels`} disabled={canNest}>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconFolderPlus size={14} />}
            disabled={!canNest}
            onClick={() => actions.addGroup(path)}
          >
            Add group
          </Button>
        </Tooltip>
      </Group>
    </Box>
  );
}
