import { Injectable, Logger } from '@nestjs/common';
import {
  AttributeCatalogRepository,
  AttributeCoverageRepository,
  ProfileRepository,
} from '@seg/profile-store';
import { countCoverage } from '../../freshness/count-coverage';

/**
 * Counts, in one streaming pass over the workspace's profiles, how many users have a value
 * for each attribute, and stores it as the workspace's coverage snapshot (`asOf` = when the
 * pass started). Run in the background by `AttributeFreshness`, never per request.
 */
@Injectable()
export class RecountCoverageUseCase {
  private readonly logger = new Logger(RecountCoverageUseCase.name);

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly catalog: AttributeCatalogRepository,
    private readonly coverage: AttributeCoverageRepository,
  ) {}

  async execute(workspaceId: string): Promise<{ users: number; asOf: Date; tookMs: number }> {
    const asOf = new Date();
    const catalog = await this.catalog.listAll(workspaceId);
    const counted = await countCoverage(this.profiles.streamAll(workspaceId), catalog, asOf);
    const tookMs = Date.now() - asOf.getTime();
    await this.coverage.save({ workspaceId, asOf, tookMs, ...counted });
    this.logger.debug({ workspaceId, users: counted.users, tookMs }, 'Attribute coverage counted');
    return { users: counted.users, asOf, tookMs };
  }
}
