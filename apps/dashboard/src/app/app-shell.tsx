import {
  Alert,
  AppShell,
  Button,
  Group,
  Modal,
  NavLink,
  Select,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconLogout,
  IconPlugConnected,
  IconPlus,
  IconSettings,
  IconSpeakerphone,
  IconTargetArrow,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { type FormEvent, Fragment, useState } from 'react';
import { errorMessage } from '../api/client';
import { CopyField } from '../features/settings/components/copy-field';
import {
  useCreateWorkspace,
  useSession,
  useSignOut,
  useSwitchWorkspace,
} from '../features/auth/hooks/use-session';
import { MODAL_STYLES } from './modal-styles';

const NAV = [
  { to: '/users', label: 'Users & Segments', icon: IconUsersGroup, match: ['/users', '/segments'] },
  { to: '/experiences', label: 'Experiences', icon: IconSpeakerphone, match: ['/experiences'] },
  {
    to: '/integrations',
    label: 'Integrations',
    icon: IconPlugConnected,
    match: ['/integrations'],
  },
  { to: '/settings', label: 'Settings', icon: IconSettings, match: ['/settings'] },
] as const;

/** The side bar of dashboard.md (pages, workspace switcher, account) and the page next to it. */
export function DashboardShell() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const { me, workspace } = useSession();
  const signOut = useSignOut();
  return (
    <AppShell navbar={{ width: 260, breakpoint: 'sm' }} padding="xl">
      <AppShell.Navbar p="md">
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
        <WorkspaceSwitcher />
        <nav aria-label="Main">
          {NAV.map((item) => (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={item.label}
              leftSection={<item.icon size={18} />}
              active={item.match.some((prefix) => pathname.startsWith(prefix))}
            />
          ))}
        </nav>
        <Stack gap={4} mt="auto" px="xs">
          <Text size="sm" fw={500} truncate>
            {me?.account.name}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {me?.account.email}
          </Text>
          <Button
            variant="subtle"
            color="gray"
            size="compact-sm"
            leftSection={<IconLogout size={14} />}
            onClick={() => signOut.mutate()}
            loading={signOut.isPending}
            w="fit-content"
          >
            Sign out
          </Button>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        {/* A page starts afresh in another workspace (its paging cursors, filters, drafts). */}
        <Fragment key={workspace?.id ?? 'none'}>
          <Outlet />
        </Fragment>
      </AppShell.Main>
    </AppShell>
  );
}

function WorkspaceSwitcher() {
  const { me, workspace } = useSession();
  const switchTo = useSwitchWorkspace();
  const [creating, setCreating] = useState(false);
  const workspaces = me?.workspaces ?? [];
  return (
    <Stack gap={6} mb="md">
      {workspaces.length > 1 ? (
        <Select
          label="Workspace"
          data={workspaces.map((w) => ({ value: w.id, label: `${w.name} (${w.role})` }))}
          value={workspace?.id ?? null}
          allowDeselect={false}
          onChange={(id) => {
            if (id && id !== workspace?.id) void switchTo(id);
          }}
        />
      ) : (
        <div>
          <Text size="xs" c="dimmed">
            Workspace
          </Text>
          <Text size="sm" fw={500}>
            {workspace ? `${workspace.name} (${workspace.role})` : 'None yet'}
          </Text>
        </div>
      )}
      <Button
        variant="light"
        size="compact-sm"
        leftSection={<IconPlus size={14} />}
        onClick={() => setCreating(true)}
        w="fit-content"
      >
        New workspace
      </Button>
      <NewWorkspaceModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}

/** New workspace, then its keys: the secret key is shown this once (api.md), to copy. */
function NewWorkspaceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateWorkspace();
  const [name, setName] = useState('');
  const close = () => {
    create.reset();
    setName('');
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim());
  };
  const made = create.data;
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={made ? `${made.name}: your API keys` : 'New workspace'}
      size={made ? 'lg' : 'md'}
      styles={MODAL_STYLES}
    >
      {made ? (
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle />} title="Copy the secret key now">
            This is the only time it is shown. The public key stays in Settings → API keys.
          </Alert>
          <CopyField label="Public key" value={made.publicKey} />
          <CopyField label="Secret key" value={made.secretKey} />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack>
            <TextInput
              label="Name"
              required
              data-autofocus
              value={name}
              error={create.error ? errorMessage(create.error) : undefined}
              onChange={(event) => setName(event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create workspace
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
