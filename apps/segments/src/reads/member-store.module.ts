import { Module } from '@nestjs/common';
import { ProfileStoreModule } from '@seg/profile-store';
import { MemberStore } from './member-store';
import { ProfileStoreMemberStore } from './profile-store-member-store';

/** Read-only access to profiles, events and the attribute catalog (owned by the users service). */
@Module({
  imports: [ProfileStoreModule],
  providers: [{ provide: MemberStore, useClass: ProfileStoreMemberStore }],
  exports: [MemberStore],
})
export class MemberStoreModule {}
