import { Injectable } from '@nestjs/common';
import { KeptRecordRepository } from '@seg/profile-store/writes';

/** How long "this workspace keeps no vendor record" is believed (records kept by another instance). */
const ABSENT_TTL_MS = 1_000;

/**
 * Whether a workspace keeps vendor records waiting for their user, so that applying
 * messages looks kept records up only where there are some (one cheap read a second
 * per workspace, not one per identify).
 */
@Injectable()
export class KeptPresence {
  private readonly known = new Map<string, { present: boolean; at: number }>();

  constructor(private readonly kept: KeptRecordRepository) {}

  async any(workspaceId: string): Promise<boolean> {
    const hit = this.known.get(workspaceId);
    if (hit && (hit.present || Date.now() - hit.at < ABSENT_TTL_MS)) return hit.present;
    const present = await this.kept.any(workspaceId);
    this.known.set(workspaceId, { present, at: Date.now() });
    return present;
  }

  /** This process kept records (or forgot some: read again next time). */
  changed(workspaceId: string): void {
    this.known.delete(workspaceId);
  }
}
