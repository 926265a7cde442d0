import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { KeyKind } from '@seg/http-shapes';
import { type SdkLimits, WORKSPACE_MODEL, WorkspaceDocument } from './workspace.schema';

export interface Workspace {
  id: string;
  name: string;
  createdAt: Date;
  /** Its own SDK rate limits, where the operator set them. */
  sdkLimits: SdkLimits;
}

/** What the dashboard may see of a workspace's keys (never the secret key). */
export interface WorkspaceKeys {
  publicKey: string | null;
  secretKeyLast4: string | null;
  keysRotatedAt: Date | null;
}

const HASH_FIELD: Record<KeyKind, 'publicKeyHash' | 'secretKeyHash'> = {
  public: 'publicKeyHash',
  secret: 'secretKeyHash',
};

/** The gateway's workspaces. Not workspace-scoped: this is where workspaces are resolved. */
@Injectable()
export class WorkspaceRepository {
  constructor(@InjectModel(WORKSPACE_MODEL) private readonly model: Model<WorkspaceDocument>) {}

  async insert(document: WorkspaceDocument): Promise<void> {
    await this.model.create(document);
  }

  async findById(id: string): Promise<Workspace | null> {
    const found = await this.model.findById(id).lean().exec();
    return found ? toWorkspace(found) : null;
  }

  /** Renames the workspace; null when there is none. */
  async rename(id: string, name: string): Promise<Workspace | null> {
    const after = await this.model
      .findOneAndUpdate({ _id: id }, { $set: { name } }, { returnDocument: 'after' })
      .lean()
      .exec();
    return after ? toWorkspace(after) : null;
  }

  /** Sets (a number) or clears (null: the default again) each SDK limit; null when no workspace. */
  async setSdkLimits(
    id: string,
    limits: { perWindow?: number | null; perUserPerWindow?: number | null },
  ): Promise<Workspace | null> {
    const set: Record<string, number> = {};
    const unset: Record<string, ''> = {};
    for (const [field, value] of Object.entries(limits)) {
      if (value === undefined) continue;
      if (value === null) unset[`sdkLimits.${field}`] = '';
      else set[`sdkLimits.${field}`] = value;
    }
    const after = await this.model
      .findOneAndUpdate(
        { _id: id },
        {
          ...(Object.keys(set).length ? { $set: set } : {}),
          ...(Object.keys(unset).length ? { $unset: unset } : {}),
        },
        { returnDocument: 'after' },
      )
      .lean()
      .exec();
    return after ? toWorkspace(after) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Workspace[]> {
    if (ids.length === 0) return [];
    const found = await this.model
      .find({ _id: { $in: [...ids] } })
      .lean()
      .exec();
    return found.map(toWorkspace);
  }

  async findKeys(id: string): Promise<WorkspaceKeys | null> {
    const found = await this.model.findById(id).lean().exec();
    if (!found) return null;
    return {
      publicKey: found.publicKey ?? null,
      secretKeyLast4: found.secretKeyLast4 ?? null,
      keysRotatedAt: found.keysRotatedAt ?? null,
    };
  }

  /** The workspace whose current key of `kind` has this hash. */
  async findByKeyHash(kind: KeyKind, keyHash: string): Promise<Workspace | null> {
    const found = await this.model
      .findOne({ [HASH_FIELD[kind]]: keyHash })
      .lean()
      .exec();
    return found ? toWorkspace(found) : null;
  }

  /**
   * Replaces the key hash of `kind` atomically and answers the hash it replaced; `shown` is
   * what the key list keeps of the new key (the public key, or the secret's last 4).
   */
  async replaceKeyHash(
    id: string,
    kind: KeyKind,
    newHash: string,
    shown: string,
  ): Promise<{ previousHash: string } | null> {
    const field = HASH_FIELD[kind];
    const shownField = kind === 'public' ? 'publicKey' : 'secretKeyLast4';
    const before = await this.model
      .findOneAndUpdate(
        { _id: id },
        { $set: { [field]: newHash, [shownField]: shown, keysRotatedAt: new Date() } },
        { returnDocument: 'before' },
      )
      .lean()
      .exec();
    return before ? { previousHash: before[field] } : null;
  }
}

function toWorkspace(document: WorkspaceDocument): Workspace {
  return {
    id: document._id,
    name: document.name,
    createdAt: document.createdAt,
    sdkLimits: document.sdkLimits ?? {},
  };
}
