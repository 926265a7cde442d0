import { Paper, Stack, Text, Title } from '@mantine/core';

/** A page of the side bar whose content comes in a later part (issue 15 is part 1). */
function Placeholder({ title, what }: { title: string; what: string }) {
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Paper withBorder radius="md" p="xl">
        <Text c="dimmed">{what}</Text>
      </Paper>
    </Stack>
  );
}

export function IntegrationsPage() {
  return (
    <Placeholder
      title="Integrations"
      what="Segment.io, HubSpot and Customer.io connections: coming to the dashboard next."
    />
  );
}

export function SettingsPage() {
  return (
    <Placeholder
      title="Settings"
      what="Workspace, API keys and Team: coming to the dashboard next."
    />
  );
}
