import { Injectable } from '@nestjs/common';
import type { ParsedRequestOf, ResponseOf } from '@seg/contracts';
import { decodeCursor, encodeCursor } from '@seg/platform';
import { ProfileRepository } from '@seg/profile-store';
import { z } from 'zod';

export type ListUsersCommand = ParsedRequestOf<'users.profiles.list'>;

/** The last row of the previous page: [lastActivityAt in ms, userId]. */
const userCursor = z.tuple([z.number().finite(), z.string()]);

/** Users, newest activity first (ties by userId), paged by an opaque cursor. */
@Injectable()
export class ListUsersUseCase {
  constructor(private readonly profiles: ProfileRepository) {}

  async execute(command: ListUsersCommand): Promise<ResponseOf<'users.profiles.list'>> {
    const position = decodeCursor(command.cursor, userCursor);
    const after = position && { lastActivityAt: new Date(position[0]), userId: position[1] };
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
      nextCursor:
        rows.length > command.limit && last
          ? encodeCursor([last.lastActivityAt.getTime(), last.userId])
          : null,
    };
  }
}
