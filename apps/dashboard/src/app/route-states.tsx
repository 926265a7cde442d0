import { Alert, Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';

/** A page that could not load: the API's message and a way to try again, never a blank page. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return (
    <Center p="xl">
      <Alert
        color="red"
        icon={<IconAlertTriangle />}
        title="This page could not be loaded"
        maw={520}
        role="alert"
      >
        <Stack gap="sm">
          <Text size="sm">{errorMessage(error)}</Text>
          <Button variant="light" color="red" onClick={reset} w="fit-content">
            Try again
          </Button>
        </Stack>
      </Alert>
    </Center>
  );
}

export function NotFound() {
  return (
    <Center p="xl">
      <Stack align="center" gap="xs">
        <Title order={1} size="h3">
          Page not found
        </Title>
        <Button component={Link} to="/" variant="light">
          Go to Users &amp; Segments
        </Button>
      </Stack>
    </Center>
  );
}

export function PageLoader({ label }: { label: string }) {
  return (
    <Center p="xl">
      <Loader aria-label={label} />
    </Center>
  );
}

/** A failed query inside a page: the API's message, with Retry. */
export function QueryError({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry?: () => void;
}) {
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={title} role="alert">
      <Stack gap="xs">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry ? (
          <Button size="xs" variant="light" color="red" onClick={onRetry} w="fit-content">
            Retry
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Stack align="center" gap="xs" p="xl">
      <Text fw={500}>{title}</Text>
      {children ? (
        <Text size="sm" c="dimmed" ta="center" maw={460} component="div">
          {children}
        </Text>
      ) : null}
    </Stack>
  );
}
