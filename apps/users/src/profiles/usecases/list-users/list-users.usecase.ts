import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { ProfileRepository } from '@seg/profile-store';
import { decodeCursor, encodeCursor } from '../../cursor';

export type ListUsersCommand = ParsedRequestOf<'users.profiles.list'>;

/** Users, newest activity first (ties by userId), paged by an opaque cursor. */
@Injectable()
export class ListUsersUseCase {
  constructor(private readonly profiles: ProfileRepository) {}

  async execute(command: ListUsersCommand): Promise<ResponseOf<'users.profiles.list'>> {
    const after = command.cursor ? decodeCursor(command.cursor) : undefined;
    const rows = await this.profiles.page(command.workspaceId, command.limit + 1, after);
    const page = rows.slice(0, command.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        userId: row.userId,
        name: row.name ?? null,
        email: row.email ?? null,
        lastActivityAt: row.lastActivityAt.toISOString(),
      })),
      nextCursor: rows.length > command.limit && last ? encodeCursor(last) : null,
    };
  }
}
