import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Role } from '@seg/http-shapes';
import {
  ACCOUNT_MODEL,
  AccountDocument,
  CLAIM_MODEL,
  ClaimDocument,
  MEMBERSHIP_MODEL,
  MembershipDocument,
} from './account.schema';

export interface Account {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: Date;
}

export interface Membership {
  workspaceId: string;
  accountId: string;
  role: Role;
  createdAt: Date;
}

const DUPLICATE_KEY = 11000;

export function isDuplicateKey(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && 'code' in error && error.code === DUPLICATE_KEY
  );
}

/** Accounts, their memberships and the one-time claims. Not workspace-scoped: accounts span workspaces. */
@Injectable()
export class AccountRepository {
  constructor(
    @InjectModel(ACCOUNT_MODEL) private readonly accounts: Model<AccountDocument>,
    @InjectModel(MEMBERSHIP_MODEL) private readonly memberships: Model<MembershipDocument>,
    @InjectModel(CLAIM_MODEL) private readonly claims: Model<ClaimDocument>,
  ) {}

  async anyAccount(): Promise<boolean> {
    return (await this.accounts.findOne({}, { _id: 1 }).lean().exec()) !== null;
  }

  /** Inserts the account; false when the email is taken. */
  async insert(account: Account): Promise<boolean> {
    try {
      await this.accounts.create({
        _id: account.id,
        email: account.email,
        name: account.name,
        passwordHash: account.passwordHash,
        createdAt: account.createdAt,
      });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async findByEmail(email: string): Promise<Account | null> {
    // `email` is a parsed string (zod), never an object: no operator can ride in.
    const found = await this.accounts
      .findOne({ email: { $eq: email } })
      .lean()
      .exec();
    return found ? toAccount(found) : null;
  }

  async findById(id: string): Promise<Account | null> {
    const found = await this.accounts.findById(id).lean().exec();
    return found ? toAccount(found) : null;
  }

  async findByIds(ids: readonly string[]): Promise<Account[]> {
    if (ids.length === 0) return [];
    const found = await this.accounts
      .find({ _id: { $in: [...ids] } })
      .lean()
      .exec();
    return found.map(toAccount);
  }

  /** True when this caller won the claim `id`; false when it was claimed before. */
  async claim(id: string, by: string): Promise<boolean> {
    try {
      await this.claims.create({ _id: id, by, at: new Date() });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async releaseClaim(id: string): Promise<void> {
    await this.claims.deleteOne({ _id: id }).exec();
  }

  /** Adds the membership, or changes its role when the account is a member already. */
  async upsertMembership(membership: Omit<Membership, 'createdAt'>): Promise<void> {
    await this.memberships
      .updateOne(
        { _id: membershipId(membership.workspaceId, membership.accountId) },
        {
          $set: { role: membership.role },
          $setOnInsert: {
            workspaceId: membership.workspaceId,
            accountId: membership.accountId,
            createdAt: new Date(),
          },
        },
        { upsert: true },
      )
      .exec();
  }

  async findMembership(workspaceId: string, accountId: string): Promise<Membership | null> {
    const found = await this.memberships
      .findById(membershipId(workspaceId, accountId))
      .lean()
      .exec();
    return found ? toMembership(found) : null;
  }

  async membershipsOfAccount(accountId: string): Promise<Membership[]> {
    const found = await this.memberships
      .find({ accountId: { $eq: accountId } })
      .lean()
      .exec();
    return found.map(toMembership);
  }

  async membersOfWorkspace(workspaceId: string): Promise<Membership[]> {
    const found = await this.memberships
      .find({ workspaceId: { $eq: workspaceId } })
      .sort({ createdAt: 1, _id: 1 })
      .lean()
      .exec();
    return found.map(toMembership);
  }

  /** Sets the role of an existing membership; false when there is none. */
  async setRole(workspaceId: string, accountId: string, role: Role): Promise<boolean> {
    const result = await this.memberships
      .updateOne({ _id: membershipId(workspaceId, accountId) }, { $set: { role } })
      .exec();
    return result.matchedCount > 0;
  }

  async removeMembership(workspaceId: string, accountId: string): Promise<boolean> {
    const result = await this.memberships
      .deleteOne({ _id: membershipId(workspaceId, accountId) })
      .exec();
    return result.deletedCount > 0;
  }
}

function membershipId(workspaceId: string, accountId: string): string {
  return `${workspaceId}:${accountId}`;
}

function toAccount(document: AccountDocument): Account {
  return {
    id: document._id,
    email: document.email,
    name: document.name,
    passwordHash: document.passwordHash,
    createdAt: document.createdAt,
  };
}

function toMembership(document: MembershipDocument): Membership {
  return {
    workspaceId: document.workspaceId,
    accountId: document.accountId,
    role: document.role,
    createdAt: document.createdAt,
  };
}
