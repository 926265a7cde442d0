import { Tabs, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';

/** The title and the tabs **Users** and **Segments** of "Users & Segments" (each its own URL). */
export function UsersSegmentsHeader({ active }: { active: 'users' | 'segments' }) {
  const navigate = useNavigate();
  return (
    <>
      <Title order={1} size="h2">
        Users &amp; Segments
      </Title>
      <Tabs
        value={active}
        onChange={(value) => void navigate({ to: value === 'users' ? '/users' : '/segments' })}
      >
        <Tabs.List>
          <Tabs.Tab value="users">Users</Tabs.Tab>
          <Tabs.Tab value="segments">Segments</Tabs.Tab>
        </Tabs.List>
      </Tabs>
    </>
  );
}
