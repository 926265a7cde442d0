import { UserLanes } from './user-lanes';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('UserLanes', () => {
  it('runs one user’s tasks one after the other, in the order they were queued', async () => {
    const lanes = new UserLanes();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`end ${name}`);
    };
    await Promise.all([
      lanes.run('ws', ['u1', 'u2'], task('a', 20)),
      lanes.run('ws', ['u1'], task('b', 1)),
      lanes.run('ws', ['u2'], task('c', 1)),
    ]);
    expect(log.indexOf('start b')).toBeGreaterThan(log.indexOf('end a'));
    expect(log.indexOf('start c')).toBeGreaterThan(log.indexOf('end a'));
    expect(lanes.busy).toBe(0);
  });

  it('runs different users in parallel, and other workspaces’ same user ids too', async () => {
    const lanes = new UserLanes();
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
    };
    await Promise.all([
      lanes.run('ws', ['u1'], task),
      lanes.run('ws', ['u2'], task),
      lanes.run('other', ['u1'], task),
    ]);
    expect(most).toBe(3);
  });

  it('a failed task does not block the next one of its user', async () => {
    const lanes = new UserLanes();
    const failed = lanes.run('ws', ['u1'], async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    await expect(lanes.run('ws', ['u1'], async () => 'next')).resolves.toBe('next');
  });
});
