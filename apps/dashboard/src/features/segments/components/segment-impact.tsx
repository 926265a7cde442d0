import { Button, Loader, Popover, Stack, Text } from '@mantine/core';
import type { SegmentImpact } from '../../../api/paths';
import { formatNumber } from '../../../app/format';
import { impactText } from './impact-text';

function SampleList({ label, side }: { label: string; side: SegmentImpact['join'] }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label} ({formatNumber(side.count)})
      </Text>
      <Text size="sm" c={side.sample.length ? undefined : 'dimmed'}>
        {side.sample.length
          ? side.sample.join(', ') + (side.count > side.sample.length ? ', …' : '')
          : 'Nobody'}
      </Text>
    </div>
  );
}

/**
 * The impact of the edited rules, next to Save: "+214 join, −37 leave; Onboarding tour
 * 1,240 → 1,417". Clicking it shows a sample of who joins and who leaves. Renders only.
 */
export function SegmentImpactSummary({
  impact,
  loading,
}: {
  impact: SegmentImpact | undefined;
  loading: boolean;
}) {
  if (!impact)
    return loading ? <Loader size="xs" aria-label="Computing the edit's impact" /> : null;
  const text = impactText(impact);
  return (
    <Popover width={360} position="bottom-end" withArrow shadow="md">
      <Popover.Target>
        <Button
          variant="subtle"
          size="compact-sm"
          aria-label={`Impact of this edit: ${text}`}
          rightSection={loading ? <Loader size={12} aria-hidden /> : null}
        >
          {text}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <SampleList label="Would join" side={impact.join} />
          <SampleList label="Would leave" side={impact.leave} />
          <Text size="xs" c="dimmed">
            {impact.exact
              ? 'Every user evaluated.'
              : `Estimated from ${Math.round(impact.scanned * 100)}% of the users.`}{' '}
            Nothing is saved until you press Save.
          </Text>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
