import mongoose, { Connection, Model, Schema } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { scopePipeline, WorkspaceOwned, WorkspaceRepository } from './workspace-repository';

interface Note extends WorkspaceOwned {
  key: string;
  text: string;
}

class NoteRepository extends WorkspaceRepository<Note> {
  constructor(model: Model<Note>) {
    super(model);
  }
}

// Against the real FerretDB: the workspace scope cannot be escaped.
describe('WorkspaceRepository', () => {
  let connection: Connection;
  let notes: NoteRepository;

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(process.env['MONGODB_URI'] as string, {
        dbName: `t_repo_${randomBytes(4).toString('hex')}`,
      })
      .asPromise();
    const schema = new Schema<Note>({ workspaceId: String, key: String, text: String });
    notes = new NoteRepository(connection.model<Note>('Note', schema));
    await notes.insert('ws_a', { key: 'k1', text: 'from a' });
    await notes.insert('ws_b', { key: 'k1', text: 'from b' });
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('reads only the given workspace, even when the filter names another', async () => {
    expect(await notes.find('ws_a')).toEqual([expect.objectContaining({ text: 'from a' })]);
    const sneaky = await notes.find('ws_a', { workspaceId: 'ws_b' });
    expect(sneaky.map((note) => note.text)).toEqual(['from a']);
    expect(await notes.count('ws_c')).toBe(0);
  });

  it('writes only inside the workspace', async () => {
    await notes.updateOne('ws_a', { key: 'k1' }, { $set: { text: 'edited' } });
    await notes.bulkWrite('ws_a', [
      {
        updateOne: { filter: { key: 'k1', workspaceId: 'ws_b' }, update: { $set: { text: 'x' } } },
      },
    ]);
    expect((await notes.findOne('ws_b', { key: 'k1' }))?.text).toBe('from b');
    expect((await notes.findOne('ws_a', { key: 'k1' }))?.text).toBe('x');
    expect(await notes.deleteMany('ws_b', {})).toBe(1);
    expect(await notes.count('ws_a')).toBe(1);
  });

  it('restricts aggregations to the workspace', async () => {
    const rows = await notes.aggregate<{ _id: string; n: number }>('ws_a', [
      { $group: { _id: '$workspaceId', n: { $sum: 1 } } },
    ]);
    expect(rows).toEqual([{ _id: 'ws_a', n: 1 }]);
  });

  it('keeps a pipeline that starts with a $match of another workspace inside this one', async () => {
    await notes.insert('ws_b', { key: 'k2', text: 'from b again' });
    const rows = await notes.aggregate<Note>('ws_a', [
      { $match: { workspaceId: 'ws_b', key: { $in: ['k1', 'k2'] } } },
      { $project: { _id: 0, workspaceId: 1, key: 1 } },
    ]);
    expect(rows).toEqual([{ workspaceId: 'ws_a', key: 'k1' }]);
  });

  it("joins the workspace to the pipeline's first $match (FerretDB pushes down only that one)", () => {
    expect(scopePipeline('ws_a', [{ $match: { workspaceId: 'ws_b', sampleBucket: 7 } }])).toEqual([
      { $match: { workspaceId: 'ws_a', sampleBucket: 7 } },
    ]);
    expect(scopePipeline('ws_a', [{ $count: 'n' }])).toEqual([
      { $match: { workspaceId: 'ws_a' } },
      { $count: 'n' },
    ]);
  });
});
