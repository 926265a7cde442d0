import { experiencesWorld } from '../../../testing/fakes';
import { CreateExperienceUseCase } from '../create-experience/create-experience.usecase';
import { ListExperiencesUseCase } from './list-experiences.usecase';

const WS = 'ws_listexp0001';

describe('ListExperiencesUseCase', () => {
  it('pages in creation order; the last page has no next cursor', async () => {
    const world = experiencesWorld();
    const repository = world.experiences.asRepository();
    const create = new CreateExperienceUseCase(repository, world.validator, world.changes);
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const created = await create.execute({
        workspaceId: WS,
        experience: {
          name,
          type: 'tour',
          steps: [{ id: 's', kind: 'message' }],
          audience: { mode: 'all' },
        },
      });
      ids.push(created.id);
      // Ids are time-ordered to the millisecond: keep them apart.
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const list = new ListExperiencesUseCase(repository);
    const first = await list.execute({ workspaceId: WS, limit: 2 });
    expect(first.experiences.map((e) => e.name)).toEqual(['a', 'b']);
    expect(first.nextCursor).not.toBeNull();
    const second = await list.execute({
      workspaceId: WS,
      limit: 2,
      cursor: first.nextCursor ?? '',
    });
    expect(second.experiences.map((e) => e.id)).toEqual([ids[2]]);
    expect(second.nextCursor).toBeNull();
  });

  it('a cursor it did not make is a VALIDATION_FAILED', async () => {
    const list = new ListExperiencesUseCase(experiencesWorld().experiences.asRepository());
    await expect(
      list.execute({ workspaceId: WS, limit: 2, cursor: 'not-a-cursor' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
