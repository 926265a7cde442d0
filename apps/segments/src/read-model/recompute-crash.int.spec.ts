import type { INestApplication } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import { ProfileRepository } from '@seg/profile-store';
import type { ProfileDocument, SegmentRules } from '@seg/segment-engine';
import { deleteBusTopology, dropDatabase, startTestApp, waitFor, testConfig } from '@seg/testing';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Connection } from 'mongoose';
import { AppModule } from '../app.module';
import { type SegmentsConfig, segmentsEnvSchema } from '../config';
import { CreateSegmentUseCase } from '../segments/usecases/create-segment/create-segment.usecase';
import { MembershipQueue } from './membership-queue';

// Crash test (issue 14): the segments worker (its real entry point, src/worker.ts, in a child
// process) is SIGKILLed in the middle of a recomputation; a new worker process takes the job
// over (BullMQ's stalled-job check, after the lock expires) and resumes it from the checkpoint
// (cursor) rather than from the start; the read model is then exactly the hand-computed one.
jest.setTimeout(180_000);

const WS = 'ws_crashtest00001';
const USERS = 600;
const PAGE = 30;
const RULES: SegmentRules = {
  type: 'group',
  operator: 'and',
  conditions: [
    { type: 'attribute', attribute: 'sessions', operator: 'greaterThanOrEqual', value: 5 },
  ],
};
const root = path.resolve(__dirname, '../../../..');

interface Worker {
  child: ChildProcess;
  output: () => string;
}

function startWorker(config: SegmentsConfig): Worker {
  const env: Record<string, string> = { ...(process.env as Record<string, string>) };
  for (const [key, value] of Object.entries(config)) {
    if (value !== undefined) env[key] = String(value);
  }
  Object.assign(env, {
    RECOMPUTE_PAGE_SIZE: String(PAGE),
    MEMBERSHIP_LOCK_DURATION_MS: '2000',
    HEALTH_PORT: '0',
    LOG_LEVEL: 'info',
    // The source entry point, with the workspace's path aliases (no build needed).
    SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'),
  });
  const child = spawn(
    path.join(root, 'node_modules/.bin/node'),
    ['-r', '@swc-node/register', path.join(root, 'apps/segments/src/worker.ts')],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

const stopped = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });

describe('recomputation survives a kill -9 of the segments worker', () => {
  let app: INestApplication;
  let config: SegmentsConfig;
  const workers: Worker[] = [];
  const members: string[] = [];

  beforeAll(async () => {
    config = segmentsEnvSchema.parse({ ...testConfig() });
    ({ app } = await startTestApp({
      service: 'segments',
      config,
      module: AppModule.register(config),
      consumeBus: false,
    }));
    const connection = app.get<Connection>(getConnectionToken());
    const profiles = new ProfileRepository(connection.model('Profile') as never);
    const seeded: ProfileDocument[] = [];
    const now = Date.now();
    for (let i = 0; i < USERS; i++) {
      const userId = `crash-${String(i).padStart(5, '0')}`;
      const member = i % 3 === 0;
      if (member) members.push(userId);
      seeded.push({
        workspaceId: WS,
        userId,
        createdAt: new Date(now - 86_400_000),
        lastActivityAt: new Date(now),
        sessions: member ? 9 : 1,
        tags: [],
        custom: {},
        experiences: { seen: [], completed: [], answers: [] },
      });
    }
    await profiles.insertNew(WS, seeded);
  });

  afterAll(async () => {
    for (const { child } of workers) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await stopped(child);
    }
    await app?.close();
    if (config) {
      await deleteBusTopology(config, ['segments']);
      await dropDatabase(config);
    }
  });

  it('resumes from the checkpoint after SIGKILL and ends with the exact read model', async () => {
    const db = app.get<Connection>(getConnectionToken()).db;
    if (!db) throw new Error('no database');
    const created = await app
      .get(CreateSegmentUseCase)
      .execute({ workspaceId: WS, body: { name: 'Frequent', rules: RULES } });
    // What the service does when it hears its own segment.updated (consumeBus is off here).
    await app.get(MembershipQueue).recomputeForSegment(WS, created.id, created.version);

    const first = startWorker(config);
    workers.push(first);
    const checkpoint = await waitFor(
      async () => {
        const found = await db
          .collection<{ _id: string; processed: number; total: number; cursor: string | null }>(
            'segment_recomputes',
          )
          .findOne({ _id: WS });
        return found && found.processed >= PAGE * 3 ? found : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 50, what: 'first pages' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${first.output()}`);
    });
    first.child.kill('SIGKILL');
    await stopped(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(checkpoint.processed).toBeLessThan(USERS);
    const killedAt = await db
      .collection<{ _id: string; processed: number }>('segment_recomputes')
      .findOne({ _id: WS });
    expect(killedAt?.processed ?? 0).toBeGreaterThanOrEqual(checkpoint.processed);
    // The segment is not ready: no state computed from its version yet.
    expect(
      await db.collection<{ _id: string }>('segment_states').findOne({ _id: created.id }),
    ).toBeNull();

    const second = startWorker(config);
    workers.push(second);
    const state = await waitFor(
      async () => {
        const found = await db
          .collection<{ _id: string; size: number; deps: Record<string, number> }>('segment_states')
          .findOne({ _id: created.id });
        // The state is written just before the checkpoint is deleted: wait for both.
        const checkpointLeft = await db
          .collection<{ _id: string }>('segment_recomputes')
          .findOne({ _id: WS });
        return found && !checkpointLeft ? found : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 100, what: 'recomputation to finish' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${second.output()}`);
    });
    expect(second.output()).toContain('Recomputation resumed');
    expect(state.size).toBe(members.length);
    expect(state.deps).toEqual({ [created.id]: 1 });
    const rows = await db
      .collection<{ userId: string }>('segment_memberships')
      .find({ workspaceId: WS, segmentIds: created.id })
      .toArray();
    expect(rows.map((row) => row.userId).sort()).toEqual(members);
    expect(await db.collection('segment_memberships').countDocuments({ workspaceId: WS })).toBe(
      USERS,
    );
    // Each entry recorded once, although pages before the kill were written by the first worker.
    const entries = await db
      .collection('segment_membership_changes')
      .countDocuments({ workspaceId: WS, segmentId: created.id, change: 'entered' });
    expect(entries).toBe(members.length);
  });
});
