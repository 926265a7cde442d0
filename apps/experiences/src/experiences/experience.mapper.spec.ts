import { PublishedExperiencesCache } from '../targeting/published-experiences.cache';
import { InMemoryExperiences } from '../testing/fakes';
import { toExperience, toStepView } from './experience.mapper';
import type { ExperienceDocument } from './experience.schema';

const WS = 'ws_stepmapper1';
const stored = (steps: ExperienceDocument['steps']): ExperienceDocument => ({
  workspaceId: WS,
  experienceId: 'exp_0000000001',
  name: 'Survey',
  type: 'survey',
  steps,
  audience: { mode: 'all', segmentIds: [] },
  status: 'published',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
  publishedAt: new Date('2026-01-01T00:00:00Z'),
});

describe('toStepView', () => {
  it('leaves out a question or options stored as null or not stored', () => {
    const view = toStepView({ id: 's1', kind: 'message', question: null, options: null });
    expect(view).toEqual({ id: 's1', kind: 'message' });
    expect(Object.keys(view)).toEqual(['id', 'kind']);
    expect(Object.keys(toStepView({ id: 's2', kind: 'message' }))).toEqual(['id', 'kind']);
  });

  it("keeps a step's text when set, and leaves it out when stored as null", () => {
    expect(toStepView({ id: 's1', kind: 'message', text: 'Welcome aboard' })).toEqual({
      id: 's1',
      kind: 'message',
      text: 'Welcome aboard',
    });
    expect(Object.keys(toStepView({ id: 's1', kind: 'message', text: null }))).toEqual([
      'id',
      'kind',
    ]);
  });

  it('copies a set question and options (a copy, not the stored array)', () => {
    const options = ['Yes', 'No'];
    const view = toStepView({ id: 'q', kind: 'question', question: 'Useful?', options });
    expect(view).toEqual({
      id: 'q',
      kind: 'question',
      question: 'Useful?',
      options: ['Yes', 'No'],
    });
    expect(view.options).not.toBe(options);
  });

  it('is what both GET /v1/experiences/:id and targeting show', async () => {
    // A document as an older write may have left it: nulls where nothing was set.
    const document = stored([
      {
        id: 's1',
        kind: 'message',
        question: null,
        options: null,
      } as unknown as ExperienceDocument['steps'][number],
      { id: 'q1', kind: 'question', question: 'Useful?' },
    ]);
    const experiences = new InMemoryExperiences();
    experiences.documents.push(document);
    const targeted = (await new PublishedExperiencesCache(experiences.asRepository()).get(WS))
      .experiences[0]?.experience.steps;
    const shown = toExperience(document).steps;
    expect(shown).toEqual([
      { id: 's1', kind: 'message' },
      { id: 'q1', kind: 'question', question: 'Useful?' },
    ]);
    expect(targeted).toEqual(shown);
  });
});
