import type { AttributeObject } from '@seg/segment-engine';
import mongoose, { Connection } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { PROFILES_COLLECTION, profileKey, type StoredProfile } from '../profiles/profile.schema';
import { attributesFingerprint } from './fingerprint';
import { SourceAttributesWriter } from './source-attributes.writer';

// Against the real FerretDB: bulk writes touch only `custom.<source>` of existing users,
// and the fingerprints read back equal those of what was written (so reruns skip).
describe('SourceAttributesWriter', () => {
  const workspaceId = 'ws_sourcewriter';
  const users = 95; // ten bulkWrites, the last one partial
  let connection: Connection;
  let writer: SourceAttributesWriter;

  const profiles = () => connection.collection<StoredProfile>(PROFILES_COLLECTION);
  const attributesOf = (i: number): AttributeObject => ({
    plan: i % 2 ? 'team' : 'free',
    seats: i,
    trial: i % 3 === 0,
    renewsAt: new Date(Date.UTC(2026, 0, 1 + i)),
    tags: ['a', `t${i}`],
    company: { size: i * 10, name: `C${i}` },
  });

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(process.env['MONGODB_URI'] as string, {
        dbName: `t_srcwriter_${randomBytes(4).toString('hex')}`,
      })
      .asPromise();
    writer = new SourceAttributesWriter(connection);
    await profiles().insertMany(
      Array.from({ length: users }, (_, i) => ({
        _id: profileKey(workspaceId, `u${i}`),
        workspaceId,
        userId: `u${i}`,
        email: `User${i}@Example.com`,
        createdAt: new Date(),
        lastActivityAt: new Date(),
        sessions: 1,
        tags: [],
        custom: { sdk: { plan: 'sdk' }, ...(i < 5 ? { hubspot: { old: true } } : {}) },
        experiences: { seen: [], completed: [], answers: [] },
      })) as StoredProfile[],
    );
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('indexes users by id and lowercased email, with the source fingerprints', async () => {
    const index = await writer.identityIndex(workspaceId, 'hubspot');
    expect(index.userIds.size).toBe(users);
    expect(index.byEmail.get('user7@example.com')).toEqual(['u7']);
    expect([...index.withSource].sort()).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(index.fingerprints.get('u0')).toBe(attributesFingerprint({ old: true }));
  });

  it('writes every update in bulk, only the source of existing users', async () => {
    const updates = Array.from({ length: users }, (_, i) => ({
      userId: `u${i}`,
      attributes: attributesOf(i),
    }));
    updates.push({ userId: 'nobody', attributes: { plan: 'x' } });
    const result = await writer.setSourceAttributes(workspaceId, 'hubspot', updates);
    expect(result).toEqual({ matched: users, modified: users });
    expect(await profiles().countDocuments({ workspaceId })).toBe(users);
    const u42 = await profiles().findOne({ _id: profileKey(workspaceId, 'u42') });
    expect(u42?.custom).toEqual({ sdk: { plan: 'sdk' }, hubspot: attributesOf(42) });

    const again = await writer.setSourceAttributes(workspaceId, 'hubspot', updates);
    expect(again).toEqual({ matched: users, modified: 0 });
  });

  it('reads back fingerprints equal to those of the values written, whatever the key order', async () => {
    const index = await writer.identityIndex(workspaceId, 'hubspot');
    expect(index.withSource.size).toBe(users);
    for (let i = 0; i < users; i += 1) {
      const reordered = Object.fromEntries(Object.entries(attributesOf(i)).reverse());
      expect(index.fingerprints.get(`u${i}`)).toBe(attributesFingerprint(reordered));
    }
    expect(attributesFingerprint({ a: ['x'] })).not.toBe(attributesFingerprint({ a: { 0: 'x' } }));
    expect(attributesFingerprint({ d: new Date(0) })).not.toBe(attributesFingerprint({ d: 0 }));
  });
});
