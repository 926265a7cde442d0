import { experiencesWorld } from '../../../testing/fakes';
import { ListExperiencesUseCase } from './list-experiences.usecase';

const WS = 'ws_listexp0001';

describe('ListExperiencesUseCase', () => {
  it('pages in creation order; the last page has no next cursor', async () => {
    const world = experiencesWorld();
    const ids = (await world.createInOrder(WS, [{ name: 'a' }, { name: 'b' }, { name: 'c' }])).map(
      (created) => created.id,
    );
    const list = new ListExperiencesUseCase(world.experiences.asRepository());
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
