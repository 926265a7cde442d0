import type { Audience } from '@seg/contracts';
import { experiencesWorld, RecordingBus } from '../../../testing/fakes';
import { ChangeExperienceStatusUseCase } from '../change-experience-status/change-experience-status.usecase';
import { AudienceOverlapUseCase } from './audience-overlap.usecase';

const WS = 'ws_overlap0001';

describe('AudienceOverlapUseCase', () => {
  it('compares with the other published experiences only, in one request, largest first', async () => {
    const world = experiencesWorld();
    const publish = new ChangeExperienceStatusUseCase(
      world.experiences.asRepository(),
      world.changes,
    );
    const ids: Record<string, string> = {};
    const catalog: Array<[string, Audience, boolean]> = [
      ['Self', { mode: 'segments', segmentIds: ['seg_a'] }, true],
      ['Everyone', { mode: 'all' }, true],
      ['Onboarding tour', { mode: 'segments', segmentIds: ['seg_b', 'seg_c'] }, true],
      ['Draft', { mode: 'segments', segmentIds: ['seg_a'] }, false],
    ];
    for (const [name, audience, published] of catalog) {
      const created = await world.createExperience(WS, { name, audience });
      ids[name] = created.id;
      if (published) {
        await publish.execute({ workspaceId: WS, experienceId: created.id, status: 'published' });
      }
    }
    const segments = new RecordingBus({
      'segments.audience.overlap': () => ({
        total: 40,
        segments: [{ id: 'seg_a', name: 'A', members: 30, adds: 25 }],
        others: [
          { key: ids['Everyone'], overlap: 40 },
          { key: ids['Onboarding tour'], overlap: 10 },
        ],
        status: 'ready',
        pending: [],
        estimated: false,
        asOf: '2026-12-01T00:00:00.000Z',
      }),
    });
    const useCase = new AudienceOverlapUseCase(world.published, segments.asBusClient());
    const answer = await useCase.execute({
      workspaceId: WS,
      audience: { mode: 'segments', segmentIds: ['seg_a', 'seg_b'] },
      experienceId: ids['Self'],
    });
    expect(segments.requested).toEqual([
      {
        pattern: 'segments.audience.overlap',
        payload: {
          workspaceId: WS,
          audience: { mode: 'segments', segmentIds: ['seg_a', 'seg_b'] },
          others: expect.arrayContaining([
            { key: ids['Everyone'], audience: { mode: 'all' } },
            {
              key: ids['Onboarding tour'],
              audience: { mode: 'segments', segmentIds: ['seg_b', 'seg_c'] },
            },
          ]),
        },
      },
    ]);
    expect((segments.requested[0].payload as { others: unknown[] }).others).toHaveLength(2);
    expect(answer.experiences).toEqual([
      { id: ids['Everyone'], name: 'Everyone', overlap: 40, share: 1 },
      { id: ids['Onboarding tour'], name: 'Onboarding tour', overlap: 10, share: 0.25 },
    ]);
    expect(answer).toMatchObject({ total: 40, status: 'ready', estimated: false });
  });
});
