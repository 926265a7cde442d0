import { Table, Text } from '@mantine/core';
import { AnchorLink } from '../../../app/anchor-link';
import { formatDateTime } from '../../../app/format';

export interface UserRow {
  userId: string;
  name: string | null;
  email: string | null;
  lastActivityAt: string | null;
}

/** Users as rows (name linking to the user page, email, id, last activity): Users and Apply filters. */
export function UserTable({ users, label }: { users: readonly UserRow[]; label: string }) {
  return (
    <Table highlightOnHover verticalSpacing="sm" aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Email</Table.Th>
          <Table.Th>User id</Table.Th>
          <Table.Th>Last activity</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {users.map((user) => (
          <Table.Tr key={user.userId}>
            <Table.Td>
              <AnchorLink to="/users/$userId" params={{ userId: user.userId }} size="sm">
                {user.name ?? user.userId}
              </AnchorLink>
            </Table.Td>
            <Table.Td>{user.email ?? '—'}</Table.Td>
            <Table.Td>
              <Text size="sm" c="dimmed">
                {user.userId}
              </Text>
            </Table.Td>
            <Table.Td>{formatDateTime(user.lastActivityAt)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
