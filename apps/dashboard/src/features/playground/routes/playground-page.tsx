import {
  Alert,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { AnchorLink } from '../../../app/anchor-link';
import { PageLoader, QueryError } from '../../../app/route-states';
import { useSession } from '../../auth/hooks/use-session';
import { membershipForecast } from '../../users/components/describe-condition';
import { ExplanationTree } from '../../users/components/explanation-tree';
import {
  type ExperienceReasons,
  usePlaygroundSdk,
  usePublicKey,
  useReasons,
  useSendTest,
  useTargeted,
} from '../hooks/use-playground';

/**
 * `/experiences/playground`: pick a user id, see the experiences that user gets now (asked
 * with the SDK, as the customer's app asks) and, for each, the segments that let it through
 * with their explanation; send a test identify or track for that user and watch it change.
 */
export function PlaygroundPage() {
  const { role } = useSession();
  const [draft, setDraft] = useState('');
  const [userId, setUserId] = useState('');
  const publicKey = usePublicKey();
  const sdk = usePlaygroundSdk(publicKey.data);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setUserId(draft.trim());
  };
  return (
    <Stack gap="lg" maw={1100}>
      <Breadcrumbs>
        <AnchorLink to="/experiences" size="sm">
          Experiences
        </AnchorLink>
        <Text size="sm">Targeting playground</Text>
      </Breadcrumbs>
      <div>
        <Title order={1} size="h2">
          Targeting playground
        </Title>
        <Text c="dimmed" size="sm">
          What a user gets now, asked with the SDK and the public key as your app asks, and why.
        </Text>
      </div>
      {role !== 'admin' ? (
        <Alert color="gray" title="For admins">
          The playground sends with the workspace&apos;s public key, which only admins can see.
        </Alert>
      ) : publicKey.isPending ? (
        <PageLoader label="Loading the public key" />
      ) : publicKey.isError ? (
        <QueryError
          title="The public key could not be loaded"
          error={publicKey.error}
          onRetry={() => void publicKey.refetch()}
        />
      ) : (
        <>
          <Paper withBorder radius="md" p="md">
            <form onSubmit={submit}>
              <Group align="flex-end">
                <TextInput
                  label="User id"
                  value={draft}
                  onChange={(event) => setDraft(event.currentTarget.value)}
                  required
                  miw={320}
                />
                <Button type="submit">Show experiences</Button>
              </Group>
            </form>
          </Paper>
          {userId !== '' && sdk ? <UserTargeting key={userId} userId={userId} sdk={sdk} /> : null}
        </>
      )}
    </Stack>
  );
}

function UserTargeting({
  userId,
  sdk,
}: {
  userId: string;
  sdk: NonNullable<ReturnType<typeof usePlaygroundSdk>>;
}) {
  const targeted = useTargeted(sdk, userId);
  const reasons = useReasons(targeted.data ?? [], userId);
  return (
    <Stack gap="md">
      <TestMessages sdk={sdk} userId={userId} />
      <Paper withBorder radius="md" p="md">
        <Title order={2} size="h4" mb="sm">
          Experiences {userId} gets now
        </Title>
        {targeted.isPending ? (
          <PageLoader label="Asking targeting" />
        ) : targeted.isError ? (
          <QueryError title="Targeting could not be asked" error={targeted.error} />
        ) : targeted.data.length === 0 ? (
          <Text c="dimmed" size="sm">
            No published experience targets this user now.
          </Text>
        ) : (
          <Stack gap="sm" aria-label="Targeted experiences">
            {targeted.data.map((experience, index) => {
              const reason = reasons[index];
              return (
                <Paper key={experience.id} withBorder radius="sm" p="sm">
                  <Group gap="xs" mb="xs">
                    <Text fw={600}>{experience.name}</Text>
                    <Badge variant="light">{experience.type}</Badge>
                  </Group>
                  {reason?.data ? (
                    <Reasons reasons={reason.data} />
                  ) : reason?.isError ? (
                    <Text size="sm" c="red">
                      {reason.error.message}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Loading why…
                    </Text>
                  )}
                </Paper>
              );
            })}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

function Reasons({ reasons }: { reasons: ExperienceReasons }) {
  if (reasons.mode === 'all') {
    return <Text size="sm">Audience: All users.</Text>;
  }
  const through = reasons.segments.filter((segment) => segment.member);
  return (
    <Stack gap="xs">
      <Text size="sm">
        Let through by {through.map((segment) => segment.name).join(', ') || 'no segment'} (the
        audience:{' '}
        {reasons.segments.length === 1
          ? 'users in this segment'
          : `users in at least one of ${reasons.segments.length} segments`}
        ).
      </Text>
      {through.map((segment) => (
        <div key={segment.segmentId} aria-label={`Why ${segment.name}`}>
          <Text size="sm" fw={500}>
            {segment.name}
          </Text>
          {segment.nextChangeAt ? (
            <Text size="sm" c="dimmed">
              {membershipForecast(segment.member, segment.nextChangeAt, segment.explanation)}
            </Text>
          ) : null}
          <ExplanationTree node={segment.explanation} />
        </div>
      ))}
    </Stack>
  );
}

function TestMessages({
  sdk,
  userId,
}: {
  sdk: NonNullable<ReturnType<typeof usePlaygroundSdk>>;
  userId: string;
}) {
  const send = useSendTest(sdk, userId);
  const [event, setEvent] = useState('');
  const [trait, setTrait] = useState('');
  const [value, setValue] = useState('');
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm">
        Send a test message for {userId}
      </Title>
      <Stack gap="sm">
        <Group align="flex-end">
          <TextInput
            label="Event"
            value={event}
            onChange={(e) => setEvent(e.currentTarget.value)}
          />
          <Button
            variant="default"
            disabled={event.trim() === ''}
            loading={send.isPending}
            onClick={() => send.mutate({ kind: 'track', event: event.trim() })}
          >
            Send track
          </Button>
        </Group>
        <Group align="flex-end">
          <TextInput
            label="Trait"
            value={trait}
            onChange={(e) => setTrait(e.currentTarget.value)}
          />
          <TextInput
            label="Trait value"
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
          />
          <Button
            variant="default"
            disabled={trait.trim() === ''}
            loading={send.isPending}
            onClick={() => send.mutate({ kind: 'identify', trait: trait.trim(), value })}
          >
            Send identify
          </Button>
        </Group>
        {send.isError ? (
          <Text size="sm" c="red">
            {send.error.message}
          </Text>
        ) : send.isSuccess ? (
          <Text size="sm" c="dimmed">
            Sent; targeting is asked again as it is applied.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
