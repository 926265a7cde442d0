import { Inject, Injectable } from '@nestjs/common';
import type { SyncProvider } from '@seg/contracts';
import { SYNC_PROVIDER_ADAPTERS, SyncProviderAdapter } from './sync-provider';

/** Finds a provider's adapter by name: adding a provider adds no `if`. */
@Injectable()
export class ProviderRegistry {
  private readonly byName: Map<SyncProvider, SyncProviderAdapter>;

  constructor(@Inject(SYNC_PROVIDER_ADAPTERS) adapters: SyncProviderAdapter[]) {
    this.byName = new Map(adapters.map((adapter) => [adapter.provider, adapter]));
  }

  get(provider: SyncProvider): SyncProviderAdapter {
    const adapter = this.byName.get(provider);
    if (!adapter) throw new Error(`No sync adapter for ${provider}`);
    return adapter;
  }
}
