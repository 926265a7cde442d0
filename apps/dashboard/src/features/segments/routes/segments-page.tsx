import { Button, Group, Paper, Stack, Tabs, Text, ThemeIcon, Title } from '@mantine/core';
import { IconFilter, IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';

/** `/segments`: the Segments tab. Its table arrives with the API client and sessions. */
export function SegmentsPage() {
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1} size="h2">
        Users &amp; Segments
      </Title>
      <Tabs value="segments">
        <Tabs.List>
          <Tabs.Tab value="users" disabled>
            Users
          </Tabs.Tab>
          <Tabs.Tab value="segments">Segments</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Group justify="flex-end">
        <Button component={Link} to="/segments/new" leftSection={<IconPlus size={16} />}>
          New Segment
        </Button>
      </Group>
      <Paper withBorder radius="md" p="xl">
        <Stack align="center" gap="xs">
          <ThemeIcon variant="light" size="xl" radius="xl">
            <IconFilter />
          </ThemeIcon>
          <Text fw={500}>Your segments will be listed here</Text>
          <Text size="sm" c="dimmed" ta="center" maw={420}>
            The list, sizes and usage load from the API once sign-in lands. Meanwhile, try the
            filter builder with New Segment.
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
