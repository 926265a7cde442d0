import { MultiSelect, NativeSelect } from '@mantine/core';
import type { ExperienceCondition, ExperienceOperator } from '@seg/segment-engine';
import type { FilterCatalog } from './filter-catalog';
import { EXPERIENCE_OPERATOR_LABELS } from './labels';

interface ExperienceFieldsProps {
  condition: ExperienceCondition;
  catalog: FilterCatalog;
  onChange: (condition: ExperienceCondition) => void;
}

const OPERATORS = Object.keys(EXPERIENCE_OPERATOR_LABELS) as ExperienceOperator[];

export function ExperienceFields({ condition, catalog, onChange }: ExperienceFieldsProps) {
  const experiences = catalog.experiences.some((e) => e.id === condition.experienceId)
    ? catalog.experiences
    : [
        ...catalog.experiences,
        { id: condition.experienceId, name: condition.experienceId, steps: [] },
      ];
  const experience = experiences.find((e) => e.id === condition.experienceId);
  const questions = (experience?.steps ?? []).filter((step) => step.kind === 'question');
  const question = questions.find((step) => step.id === condition.stepId);
  const answerChoices = [...new Set([...(question?.options ?? []), ...(condition.values ?? [])])];

  /** `answered` names a question step; the other operators take none. */
  const withOperator = (
    experienceId: string,
    operator: ExperienceOperator,
  ): ExperienceCondition => {
    if (operator !== 'answered') return { type: 'experience', experienceId, operator };
    const steps = experiences.find((e) => e.id === experienceId)?.steps ?? [];
    const firstQuestion = steps.find((step) => step.kind === 'question');
    return { type: 'experience', experienceId, operator, stepId: firstQuestion?.id ?? '' };
  };

  return (
    <>
      <NativeSelect
        label="Experience"
        value={condition.experienceId}
        data={experiences.map((e) => ({ value: e.id, label: e.name }))}
        onChange={(event) => onChange(withOperator(event.currentTarget.value, condition.operator))}
      />
      <NativeSelect
        label="Interaction"
        value={condition.operator}
        data={OPERATORS.map((op) => ({ value: op, label: EXPERIENCE_OPERATOR_LABELS[op] }))}
        onChange={(event) =>
          onChange(
            withOperator(condition.experienceId, event.currentTarget.value as ExperienceOperator),
          )
        }
      />
      {condition.operator === 'answered' && (
        <>
          <NativeSelect
            label="Question"
            value={condition.stepId ?? ''}
            data={
              question || !condition.stepId
                ? questions.map((s) => ({ value: s.id, label: s.question ?? s.id }))
                : [
                    ...questions.map((s) => ({ value: s.id, label: s.question ?? s.id })),
                    { value: condition.stepId, label: condition.stepId },
                  ]
            }
            onChange={(event) =>
              onChange({
                type: 'experience',
                experienceId: condition.experienceId,
                operator: 'answered',
                stepId: event.currentTarget.value,
              })
            }
          />
          <MultiSelect
            label="Answers"
            placeholder={condition.values?.length ? undefined : 'Any answer'}
            data={answerChoices}
            value={condition.values ?? []}
            miw={220}
            onChange={(values) => {
              // No answer picked means "answered anything": the rule then has no `values`.
              const { values: _previous, ...rest } = condition;
              onChange(values.length > 0 ? { ...rest, values } : rest);
            }}
          />
        </>
      )}
    </>
  );
}
