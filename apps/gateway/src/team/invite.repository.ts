import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { INVITE_MODEL, InviteDocument } from './invite.schema';

export type Invite = Omit<InviteDocument, '_id'> & { id: string };

/** Whether an invite can still be used at `now`. */
export function isPending(invite: Invite, now = new Date()): boolean {
  return invite.usedAt === undefined && invite.revokedAt === undefined && invite.expiresAt > now;
}

@Injectable()
export class InviteRepository {
  constructor(@InjectModel(INVITE_MODEL) private readonly model: Model<InviteDocument>) {}

  async insert(invite: Invite): Promise<void> {
    const { id, ...rest } = invite;
    await this.model.create({ _id: id, ...rest });
  }

  async findByTokenHash(tokenHash: string): Promise<Invite | null> {
    const found = await this.model
      .findOne({ tokenHash: { $eq: tokenHash } })
      .lean()
      .exec();
    return found ? toInvite(found) : null;
  }

  /** The workspace's invite `id` (another workspace's id answers null). */
  async findInWorkspace(workspaceId: string, id: string): Promise<Invite | null> {
    const found = await this.model.findById(id).lean().exec();
    return found && found.workspaceId === workspaceId ? toInvite(found) : null;
  }

  /** The workspace's invites that can still be used, oldest first. */
  async pendingOf(workspaceId: string, now = new Date()): Promise<Invite[]> {
    const found = await this.model
      .find({ workspaceId: { $eq: workspaceId } })
      .sort({ createdAt: 1, _id: 1 })
      .lean()
      .exec();
    return found.map(toInvite).filter((invite) => isPending(invite, now));
  }

  async markUsed(id: string, accountId: string): Promise<void> {
    await this.model
      .updateOne({ _id: id }, { $set: { usedAt: new Date(), usedBy: accountId } })
      .exec();
  }

  async markRevoked(id: string): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { revokedAt: new Date() } }).exec();
  }
}

function toInvite(document: InviteDocument): Invite {
  const { _id, ...rest } = document;
  return { id: _id, ...rest };
}
