import { Alert, Button, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconKey, IconRefresh } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { formatDateTime } from '../../../app/format';
import { QueryError } from '../../../app/route-states';
import { type KeyKind, useKeys } from '../hooks/use-workspace-settings';
import { CopyField } from './copy-field';
import { RotateKeyDialog } from './rotate-key-dialog';
import { Section } from './section';

/**
 * Settings → API keys (admins): the public key to copy, the secret key masked, Rotate for each.
 * A rotated key is shown once, in the dialog that made it.
 */
export function ApiKeysSection() {
  const keys = useKeys(true);
  const [rotating, setRotating] = useState<KeyKind | null>(null);
  return (
    <Section
      title="API keys"
      description="The public key goes in the browser SDK; the secret key is for your servers and scripts calling the API. Keep the secret key out of browsers and repositories."
    >
      {keys.isPending ? (
        <Skeleton height={120} aria-label="Loading the keys" />
      ) : keys.isError ? (
        <QueryError
          title="The keys could not be loaded"
          error={keys.error}
          onRetry={() => void keys.refetch()}
        />
      ) : (
        <Stack gap="lg">
          <KeyRow
            kind="public"
            onRotate={() => setRotating('public')}
            field={
              keys.data.publicKey ? (
                <CopyField
                  label="Public key"
                  value={keys.data.publicKey}
                  description="Safe in browsers and apps: it may only send events and read experiences."
                />
              ) : (
                <TextInput
                  label="Public key"
                  value="Not kept for this workspace: rotate it to see it"
                  readOnly
                />
              )
            }
          />
          <KeyRow
            kind="secret"
            onRotate={() => setRotating('secret')}
            field={
              <TextInput
                label="Secret key"
                value={keys.data.secretKeyMasked ?? 'sk_…'}
                readOnly
                inputWrapperOrder={['label', 'input', 'description']}
                description="Shown only when it is made (at creation and at each rotation); here only its last 4 characters."
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              />
            }
          />
          <Text size="xs" c="dimmed">
            {keys.data.keysRotatedAt
              ? `Last rotated ${formatDateTime(keys.data.keysRotatedAt)}`
              : 'Never rotated'}
          </Text>
        </Stack>
      )}
      <RotateKeyDialog kind={rotating} onClose={() => setRotating(null)} />
    </Section>
  );
}

function KeyRow({
  kind,
  field,
  onRotate,
}: {
  kind: KeyKind;
  field: ReactNode;
  onRotate: () => void;
}) {
  return (
    <Group align="flex-start" gap="sm" wrap="nowrap">
      <div style={{ flex: 1 }}>{field}</div>
      <Button
        variant="default"
        leftSection={<IconRefresh size={16} />}
        onClick={onRotate}
        aria-label={`Rotate the ${kind} key`}
        mt={25}
      >
        Rotate
      </Button>
    </Group>
  );
}

export function NotAllowed() {
  return (
    <Alert color="gray" icon={<IconKey />} title="Only admins manage API keys">
      Ask an admin of this workspace for a key.
    </Alert>
  );
}
