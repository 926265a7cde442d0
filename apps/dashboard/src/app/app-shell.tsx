import { AppShell, Badge, Group, NavLink, Text, ThemeIcon } from '@mantine/core';
import {
  IconPlugConnected,
  IconSettings,
  IconTargetArrow,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';

/** The side bar of dashboard.md and the page next to it. */
export function DashboardShell() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  return (
    <AppShell navbar={{ width: 240, breakpoint: 'sm' }} padding="xl">
      <AppShell.Navbar p="md" aria-label="Main">
        <Group gap="xs" mb="lg" px="xs">
          <ThemeIcon
            radius="md"
            size="md"
            variant="gradient"
            gradient={{ from: 'indigo', to: 'cyan' }}
          >
            <IconTargetArrow size={16} />
          </ThemeIcon>
          <Text fw={700}>Segmentation</Text>
        </Group>
        <NavLink
          component={Link}
          to="/segments"
          label="Users & Segments"
          leftSection={<IconUsersGroup size={18} />}
          active={pathname.startsWith('/segments')}
        />
        <NavLink
          label="Experiences"
          leftSection={<IconTargetArrow size={18} />}
          rightSection={<SoonBadge />}
          disabled
        />
        <NavLink
          label="Integrations"
          leftSection={<IconPlugConnected size={18} />}
          rightSection={<SoonBadge />}
          disabled
        />
        <NavLink
          label="Settings"
          leftSection={<IconSettings size={18} />}
          rightSection={<SoonBadge />}
          disabled
        />
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

function SoonBadge() {
  return (
    <Badge size="xs" variant="light" color="gray">
      soon
    </Badge>
  );
}
