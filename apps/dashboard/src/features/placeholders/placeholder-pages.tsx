import { Paper, Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from '../../app/anchor-link';

/** A page of the side bar whose content comes in a later part (issue 15 is part 1). */
function Placeholder({ title, what }: { title: string; what: string }) {
  return (
    <Stack gap="lg" maw={1100}>
      <Title order={1} size="h2">
        {title}
      </Title>
      <Paper withBorder radius="md" p="xl">
        <Text c="dimmed">{what}</Text>
      </Paper>
    </Stack>
  );
}

export function ExperiencesPage() {
  return (
    <Stack gap="lg" maw={1100}>
      <Placeholder
        title="Experiences"
        what="Tours, surveys and announcements with their audience: coming to the dashboard next. The API has them already (/v1/experiences)."
      />
      <AnchorLink to="/experiences/playground">Targeting playground</AnchorLink>
    </Stack>
  );
}
