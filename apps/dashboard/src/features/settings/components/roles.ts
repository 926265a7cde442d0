import type { Role } from '../../../api/paths';

/** The roles of dashboard.md, with what each may do. */
export const ROLE_CHOICES: { value: Role; label: string; description: string }[] = [
  { value: 'admin', label: 'Admin', description: 'Keys, team, integrations and everything else' },
  { value: 'editor', label: 'Editor', description: 'Segments, experiences and tags' },
  { value: 'viewer', label: 'Viewer', description: 'Reads only' },
];

export const roleLabel = (role: Role): string =>
  ROLE_CHOICES.find((choice) => choice.value === role)?.label ?? role;
