import { Stack, Tabs, Text, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';

export type SettingsTab = 'workspace' | 'api-keys' | 'team';

const PATHS = {
  workspace: '/settings',
  'api-keys': '/settings/api-keys',
  team: '/settings/team',
} as const;

/** Settings' title and tabs, each its own URL; **API keys** only for admins (dashboard.md). */
export function SettingsHeader({ active, isAdmin }: { active: SettingsTab; isAdmin: boolean }) {
  const navigate = useNavigate();
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1} size="h2">
          Settings
        </Title>
        <Text c="dimmed" size="sm">
          The workspace, its API keys and the people who work in it.
        </Text>
      </Stack>
      <Tabs
        value={active}
        onChange={(value) => {
          if (value === 'workspace' || value === 'api-keys' || value === 'team') {
            void navigate({ to: PATHS[value] });
          }
        }}
      >
        <Tabs.List>
          <Tabs.Tab value="workspace">Workspace</Tabs.Tab>
          {isAdmin ? <Tabs.Tab value="api-keys">API keys</Tabs.Tab> : null}
          <Tabs.Tab value="team">Team</Tabs.Tab>
        </Tabs.List>
      </Tabs>
    </Stack>
  );
}
