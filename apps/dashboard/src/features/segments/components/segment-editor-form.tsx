import { Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import type { SegmentRules } from '@seg/segment-engine';
import type { FieldIssue, RuleWarning } from '../filter-builder/error-paths';
import { FilterBuilder } from '../filter-builder/filter-builder';
import type { FilterCatalog } from '../filter-builder/filter-catalog';
import type { FilterCounts } from '../filter-builder/filter-counts';
import type { SegmentDraft } from '../hooks/use-segment-draft';
import { StaleDataAlert } from './stale-data-alert';

interface SegmentEditorFormProps {
  draft: SegmentDraft;
  catalog: FilterCatalog;
  issues?: readonly FieldIssue[];
  warnings?: readonly RuleWarning[];
  /** Per-filter counts of the applied rules (absent before Apply filters or after an edit). */
  counts?: FilterCounts;
  /** Why the per-filter counts could not be loaded (not a 400: the filters show those). */
  countsError?: string;
  onNameChange: (name: string) => void;
  onDescriptionChange: (description: string) => void;
  onRulesChange: (rules: SegmentRules) => void;
}

/** Name, Description and the filter builder of a segment (renders only; data comes in). */
export function SegmentEditorForm(props: SegmentEditorFormProps) {
  const { draft, catalog, issues = [] } = props;
  const fieldError = (path: string) =>
    issues.find((issue) => issue.path === path)?.message ?? undefined;
  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="lg">
        <Stack gap="md">
          <TextInput
            label="Name"
            placeholder="e.g. Active admins"
            required
            maxLength={120}
            value={draft.name}
            error={fieldError('name')}
            onChange={(event) => props.onNameChange(event.currentTarget.value)}
          />
          <Textarea
            label="Description"
            placeholder="Who is in this segment, and what it is for"
            autosize
            minRows={2}
            maxLength={1000}
            value={draft.description}
            error={fieldError('description')}
            onChange={(event) => props.onDescriptionChange(event.currentTarget.value)}
          />
        </Stack>
      </Paper>
      <Paper withBorder radius="md" p="lg">
        <Title order={3} size="h4" mb={4}>
          Filters
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Attributes, custom attributes from every source, experiences, events and other segments.
          Groups nest up to four levels.
        </Text>
        <StaleDataAlert rules={draft.rules} catalog={catalog} now={new Date()} />
        <FilterBuilder
          rules={draft.rules}
          onChange={props.onRulesChange}
          catalog={catalog}
          issues={issues}
          warnings={props.warnings}
          counts={props.counts}
        />
        {props.countsError ? (
          <Text size="sm" c="red.7" mt="sm" role="status">
            The counts per filter could not be loaded: {props.countsError}
          </Text>
        ) : null}
      </Paper>
    </Stack>
  );
}
