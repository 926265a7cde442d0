import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { SegmentEditorForm } from '../components/segment-editor-form';
import { useFilterCatalog } from '../hooks/use-filter-catalog';
import { useSegmentDraft } from '../hooks/use-segment-draft';

/** `/segments/new`: the segment editor. Apply filters and Save arrive with the API client. */
export function NewSegmentPage() {
  const catalog = useFilterCatalog();
  const { draft, setName, setDescription, setRules } = useSegmentDraft();

  return (
    <Stack gap="lg" maw={1100}>
      <Breadcrumbs>
        <Anchor component={Link} to="/segments" size="sm">
          Users &amp; Segments
        </Anchor>
        <Text size="sm">New Segment</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            New Segment
          </Title>
          <Text c="dimmed" size="sm">
            A saved filter over your users. Experiences target the users in their segments.
          </Text>
        </div>
        <Group gap="sm">
          <Button variant="default" disabled>
            Apply filters
          </Button>
          <Button disabled>Save</Button>
        </Group>
      </Group>
      <Alert variant="light" color="blue" icon={<IconInfoCircle />} title="Preview">
        The attributes, events, experiences and segments offered here are a local sample until
        sign-in and the API client land; Apply filters and Save come with them.
      </Alert>
      {catalog.isPending ? (
        <Loader aria-label="Loading the attribute catalog" />
      ) : catalog.isError ? (
        <Alert color="red" title="The attribute catalog could not be loaded">
          {catalog.error.message}
        </Alert>
      ) : (
        <SegmentEditorForm
          draft={draft}
          catalog={catalog.data}
          onNameChange={setName}
          onDescriptionChange={setDescription}
          onRulesChange={setRules}
        />
      )}
    </Stack>
  );
}
