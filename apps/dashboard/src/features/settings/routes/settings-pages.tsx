import { Stack } from '@mantine/core';
import { useSession } from '../../auth/hooks/use-session';
import { ApiKeysSection, NotAllowed } from '../components/api-keys-section';
import { SettingsHeader } from '../components/settings-header';
import { TeamSection } from '../components/team-section';
import { WorkspaceSection } from '../components/workspace-section';

/** `/settings`: Settings → Workspace. */
export function WorkspaceSettingsPage() {
  const { role } = useSession();
  return (
    <Stack gap="lg" maw={1100}>
      <SettingsHeader active="workspace" isAdmin={role === 'admin'} />
      <WorkspaceSection isAdmin={role === 'admin'} />
    </Stack>
  );
}

/** `/settings/api-keys`: Settings → API keys (admins; others are told who may). */
export function ApiKeysSettingsPage() {
  const { role } = useSession();
  return (
    <Stack gap="lg" maw={1100}>
      <SettingsHeader active="api-keys" isAdmin={role === 'admin'} />
      {role === 'admin' ? <ApiKeysSection /> : <NotAllowed />}
    </Stack>
  );
}

/** `/settings/team`: Settings → Team. */
export function TeamSettingsPage() {
  const { role, me } = useSession();
  return (
    <Stack gap="lg" maw={1100}>
      <SettingsHeader active="team" isAdmin={role === 'admin'} />
      <TeamSection isAdmin={role === 'admin'} accountId={me?.account.id ?? ''} />
    </Stack>
  );
}
