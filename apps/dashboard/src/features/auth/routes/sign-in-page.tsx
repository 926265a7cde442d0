import {
  Alert,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconTargetArrow } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError, errorMessage } from '../../../api/client';
import { authStateQuery } from '../auth-queries';
import { useCreateAccount, useSignIn } from '../hooks/use-session';

const MIN_PASSWORD = 10;

/**
 * `/sign-in`: **Create account** on a fresh install (`GET /v1/auth/state` says setupNeeded) or
 * with an invite link (`?invite=<token>`), otherwise **Sign in**.
 */
export function SignInPage() {
  const { invite } = useSearch({ from: '/sign-in' });
  const state = useQuery(authStateQuery);
  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder radius="md" p="xl" w={420} shadow="sm">
        <Group gap="xs" mb="lg">
          <ThemeIcon radius="md" variant="gradient" gradient={{ from: 'indigo', to: 'cyan' }}>
            <IconTargetArrow size={18} />
          </ThemeIcon>
          <Text fw={700}>Segmentation</Text>
        </Group>
        {state.isPending ? (
          <Loader aria-label="Loading" />
        ) : state.isError ? (
          <Alert color="red" title="The server could not be reached">
            {errorMessage(state.error)}
          </Alert>
        ) : state.data.setupNeeded || invite ? (
          <CreateAccountForm invite={invite} firstAccount={state.data.setupNeeded} />
        ) : (
          <SignInForm />
        )}
      </Paper>
    </Center>
  );
}

function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.details.map((detail) => [detail.path, detail.message]));
}

function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title="That did not work">
      {errorMessage(error)}
    </Alert>
  );
}

function SignInForm() {
  const navigate = useNavigate();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errors = fieldErrors(signIn.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: () => navigate({ to: '/' }) });
  };
  return (
    <form onSubmit={submit} aria-labelledby="sign-in-title">
      <Stack gap="md">
        <Title order={1} size="h3" id="sign-in-title">
          Sign in
        </Title>
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          error={errors.email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          value={password}
          error={errors.password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <FormError error={signIn.error} />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}

function CreateAccountForm({ invite, firstAccount }: { invite?: string; firstAccount: boolean }) {
  const navigate = useNavigate();
  const createAccount = useCreateAccount();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const errors = fieldErrors(createAccount.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD) {
      setTooShort(true);
      return;
    }
    createAccount.mutate(
      { name, email, password, ...(invite ? { token: invite } : {}) },
      { onSuccess: () => navigate({ to: '/' }) },
    );
  };
  return (
    <form onSubmit={submit} aria-labelledby="create-account-title">
      <Stack gap="md">
        <div>
          <Title order={1} size="h3" id="create-account-title">
            Create account
          </Title>
          <Text size="sm" c="dimmed">
            {firstAccount
              ? 'The first account owns this installation.'
              : 'You were invited to a workspace.'}
          </Text>
        </div>
        <TextInput
          label="Name"
          autoComplete="name"
          required
          value={name}
          error={errors.name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          required
          value={email}
          error={errors.email}
          onChange={(event) => setEmail(event.currentTarget.value)}
        />
        <PasswordInput
          label="Password"
          description={`At least ${MIN_PASSWORD} characters`}
          autoComplete="new-password"
          required
          value={password}
          error={
            tooShort && password.length < MIN_PASSWORD
              ? `At least ${MIN_PASSWORD} characters`
              : errors.password
          }
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <FormError error={createAccount.error} />
        <Button type="submit" loading={createAccount.isPending}>
          Create account
        </Button>
      </Stack>
    </form>
  );
}
