import { testConfig } from '@seg/testing';
import { integrationsEnvSchema } from '../config';
import { CustomerIoProvider } from '../providers/customerio/customerio.provider';
import { HubSpotProvider } from '../providers/hubspot/hubspot.provider';
import { ProviderRegistry } from './provider-registry';

describe('ProviderRegistry', () => {
  const config = integrationsEnvSchema.parse({
    ...testConfig(),
    HUBSPOT_RATE_LIMIT_MAX: '7',
    HUBSPOT_RATE_LIMIT_WINDOW_MS: '700',
    CUSTOMERIO_RATE_LIMIT_MAX: '3',
    CUSTOMERIO_RATE_LIMIT_WINDOW_MS: '300',
  });
  const registry = new ProviderRegistry([
    new HubSpotProvider(config),
    new CustomerIoProvider(config),
  ]);

  it('finds each adapter by name with its own configured request limit', () => {
    expect(registry.get('hubspot').requestLimit).toEqual({ max: 7, windowMs: 700 });
    expect(registry.get('customerio').requestLimit).toEqual({ max: 3, windowMs: 300 });
  });
});
