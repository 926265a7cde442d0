import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconMessage, IconPlus, IconQuestionMark, IconTrash, IconX } from '@tabler/icons-react';
import { newStep, type StepDraft } from '../experience-draft';

/** A 400's messages by API path (`steps[1].question`, …). */
export type IssuesByPath = ReadonlyMap<string, string>;

/** The steps of an experience, in order: message steps and question steps with their options. */
export function StepsEditor({
  steps,
  onChange,
  readOnly,
  issues,
}: {
  steps: StepDraft[];
  onChange: (steps: StepDraft[]) => void;
  readOnly: boolean;
  issues: IssuesByPath;
}) {
  const change = (index: number, patch: Partial<StepDraft>) =>
    onChange(steps.map((step, i) => (i === index ? { ...step, ...patch } : step)));
  return (
    <Stack gap="sm">
      {steps.map((step, index) => (
        <StepCard
          key={step.id}
          step={step}
          index={index}
          readOnly={readOnly}
          removable={steps.length > 1}
          issues={issues}
          onChange={(patch) => change(index, patch)}
          onRemove={() => onChange(steps.filter((_, i) => i !== index))}
        />
      ))}
      {issues.get('steps') ? (
        <Text size="sm" c="red">
          {issues.get('steps')}
        </Text>
      ) : null}
      {readOnly ? null : (
        <Group gap="sm">
          <Button
            variant="light"
            leftSection={<IconMessage size={16} />}
            onClick={() => onChange([...steps, newStep(steps, 'message')])}
          >
            Add message step
          </Button>
          <Button
            variant="light"
            leftSection={<IconQuestionMark size={16} />}
            onClick={() => onChange([...steps, newStep(steps, 'question')])}
          >
            Add question step
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function StepCard({
  step,
  index,
  readOnly,
  removable,
  issues,
  onChange,
  onRemove,
}: {
  step: StepDraft;
  index: number;
  readOnly: boolean;
  removable: boolean;
  issues: IssuesByPath;
  onChange: (patch: Partial<StepDraft>) => void;
  onRemove: () => void;
}) {
  const name = `Step ${index + 1}`;
  const path = `steps[${index}]`;
  const setOption = (at: number, value: string) =>
    onChange({ options: step.options.map((option, i) => (i === at ? value : option)) });
  return (
    <Paper withBorder radius="md" p="md" role="group" aria-label={name}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Group gap="xs">
            <Badge variant="light" color="gray" radius="sm">
              {name}
            </Badge>
            <SegmentedControl
              size="xs"
              aria-label={`${name} kind`}
              disabled={readOnly}
              value={step.kind}
              onChange={(kind) =>
                onChange({
                  kind: kind as StepDraft['kind'],
                  options:
                    kind === 'question' && step.options.length === 0 ? ['', ''] : step.options,
                })
              }
              data={[
                { value: 'message', label: 'Message' },
                { value: 'question', label: 'Question' },
              ]}
            />
          </Group>
          {readOnly || !removable ? null : (
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Remove ${name.toLowerCase()}`}
              onClick={onRemove}
            >
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
        {step.kind === 'question' ? (
          <TextInput
            label="Question"
            placeholder="How useful is this feature?"
            required
            readOnly={readOnly}
            value={step.question}
            error={issues.get(`${path}.question`)}
            onChange={(event) => onChange({ question: event.currentTarget.value })}
          />
        ) : null}
        <Textarea
          label={step.kind === 'message' ? 'Message' : 'Help text'}
          placeholder={
            step.kind === 'message'
              ? 'What the user reads in this step'
              : 'Optional, below the question'
          }
          autosize
          minRows={2}
          readOnly={readOnly}
          value={step.text}
          error={issues.get(`${path}.text`)}
          onChange={(event) => onChange({ text: event.currentTarget.value })}
        />
        {step.kind === 'question' ? (
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Options
            </Text>
            <Text size="xs" c="dimmed">
              The answers to choose from; with none, the user types a free answer.
            </Text>
            {step.options.map((option, at) => (
              <Group key={at} gap="xs" wrap="nowrap">
                <TextInput
                  flex={1}
                  aria-label={`Option ${at + 1}`}
                  placeholder={`Option ${at + 1}`}
                  readOnly={readOnly}
                  value={option}
                  error={issues.get(`${path}.options[${at}]`)}
                  onChange={(event) => setOption(at, event.currentTarget.value)}
                />
                {readOnly ? null : (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Remove option ${at + 1}`}
                    onClick={() => onChange({ options: step.options.filter((_, i) => i !== at) })}
                  >
                    <IconX size={16} />
                  </ActionIcon>
                )}
              </Group>
            ))}
            {issues.get(`${path}.options`) ? (
              <Text size="sm" c="red">
                {issues.get(`${path}.options`)}
              </Text>
            ) : null}
            {readOnly ? null : (
              <Button
                variant="subtle"
                size="compact-sm"
                w="fit-content"
                leftSection={<IconPlus size={14} />}
                onClick={() => onChange({ options: [...step.options, ''] })}
              >
                Add option
              </Button>
            )}
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  );
}
