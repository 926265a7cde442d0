import { Alert, Button, Group, NativeSelect, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../../../api/client';
import { useConnect } from '../hooks/use-integrations';
import {
  type Connection,
  type ConnectionBody,
  INTERVAL_CHOICES,
  type IntegrationProvider,
  PROVIDERS,
  stringList,
} from '../providers';

interface ConnectionFormProps {
  provider: IntegrationProvider;
  /** The connection being changed; undefined to connect. */
  connection?: Connection;
  onDone: () => void;
  onCancel: () => void;
}

/**
 * Connect or change a provider. Secrets are entered, never shown back: changing the settings
 * asks for the secret again (the API keeps only its last 4 characters in sight).
 */
export function ConnectionForm({ provider, connection, onDone, onCancel }: ConnectionFormProps) {
  const meta = PROVIDERS.find((p) => p.provider === provider) ?? PROVIDERS[0];
  const connect = useConnect(provider);
  const settings = connection?.settings ?? {};
  const [secret, setSecret] = useState('');
  const [properties, setProperties] = useState(stringList(settings['properties']).join(', '));
  const [interval, setIntervalMinutes] = useState(String(connection?.intervalMinutes ?? 60));
  const [region, setRegion] = useState(settings['region'] === 'eu' ? 'eu' : 'us');

  const fieldError = (field: string): string | undefined => {
    if (!(connect.error instanceof ApiError)) return undefined;
    const messages = connect.error.details
      .filter(
        (detail) => detail.path === `body.${field}` || detail.path.startsWith(`body.${field}.`),
      )
      .map((detail) => detail.message);
    return messages.length > 0 ? messages.join('; ') : undefined;
  };

  const body = (): ConnectionBody => {
    const intervalMinutes = Number(interval);
    if (provider === 'segment') return { sharedSecret: secret };
    if (provider === 'hubspot') {
      const names = properties
        .split(/[\s,]+/)
        .map((name) => name.trim())
        .filter(Boolean);
      return {
        accessToken: secret,
        intervalMinutes,
        ...(names.length ? { properties: names } : {}),
      };
    }
    return { appApiKey: secret, region: region === 'eu' ? 'eu' : 'us', intervalMinutes };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    connect.mutate(body(), { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} aria-label={`${meta.name} settings`} noValidate>
      <Stack>
        <PasswordInput
          label={meta.secretLabel}
          required
          value={secret}
          onChange={(event) => setSecret(event.currentTarget.value)}
          description={
            connection
              ? `Enter it again to save changes: it is stored encrypted and never shown.`
              : 'Stored encrypted; afterwards only its last 4 characters are shown.'
          }
          error={fieldError(meta.secretField)}
          autoComplete="off"
          data-autofocus
        />
        {provider === 'hubspot' ? (
          <TextInput
            label="Properties"
            value={properties}
            onChange={(event) => setProperties(event.currentTarget.value)}
            description="HubSpot contact property names, separated by commas; empty syncs every property"
            placeholder="lifecyclestage, num_employees"
            error={fieldError('properties')}
          />
        ) : null}
        {provider === 'customerio' ? (
          <NativeSelect
            label="Region"
            value={region}
            onChange={(event) => setRegion(event.currentTarget.value)}
            data={[
              { value: 'us', label: 'US' },
              { value: 'eu', label: 'EU' },
            ]}
            error={fieldError('region')}
          />
        ) : null}
        {provider !== 'segment' ? (
          <NativeSelect
            label="Sync interval"
            value={interval}
            onChange={(event) => setIntervalMinutes(event.currentTarget.value)}
            data={
              INTERVAL_CHOICES.some((choice) => choice.value === interval)
                ? INTERVAL_CHOICES
                : [...INTERVAL_CHOICES, { value: interval, label: `every ${interval} minutes` }]
            }
            error={fieldError('intervalMinutes')}
          />
        ) : null}
        {connect.isError ? (
          <Alert color="red" role="alert" title={`${meta.name} was not saved`}>
            {errorMessage(connect.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={connect.isPending} disabled={secret.length === 0}>
            {connection ? 'Save changes' : 'Connect'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
