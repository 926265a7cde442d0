import { Global, Module } from '@nestjs/common';
import { ProfileStoreWritesModule } from '@seg/profile-store/writes';
import { IdentityCache } from './identity-cache';
import { KeptPresence } from './kept-presence';
import { UserLanes } from './user-lanes';

/** What every profile writer of this service shares: the per-user lanes, the identity cache. */
@Global()
@Module({
  imports: [ProfileStoreWritesModule],
  providers: [UserLanes, IdentityCache, KeptPresence],
  exports: [UserLanes, IdentityCache, KeptPresence],
})
export class WritingModule {}
