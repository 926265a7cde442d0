import { Injectable } from '@nestjs/common';
import { DomainError, ParsedRequestOf, UserProfileView } from '@seg/contracts';
import { ProfileRepository } from '@seg/profile-store';
import { profileView } from '../../profile-view';

export type GetUserCommand = ParsedRequestOf<'users.profile.get'>;

/** The whole profile of one user of the workspace; NOT_FOUND otherwise. */
@Injectable()
export class GetUserUseCase {
  constructor(private readonly profiles: ProfileRepository) {}

  async execute(command: GetUserCommand): Promise<UserProfileView> {
    const profile = await this.profiles.findByUserId(command.workspaceId, command.userId);
    if (!profile) throw new DomainError('NOT_FOUND', `User ${command.userId} not found`);
    return profileView(profile);
  }
}
