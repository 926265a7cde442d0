import { randomBytes } from 'node:crypto';
import { BaseConfig, baseEnvSchema, loadConfig } from '@seg/platform';

/**
 * Config for one test suite: its own database and its own bus namespace, so
 * suites (and a running `npm start`) never see each other's data or messages.
 */
export function testConfig(overrides: Record<string, string> = {}): BaseConfig {
  const id = randomBytes(5).toString('hex');
  return loadConfig(baseEnvSchema, {
    MONGODB_URI: process.env['MONGODB_URI'],
    RABBITMQ_URL: process.env['RABBITMQ_URL'],
    REDIS_URL: process.env['REDIS_URL'],
    NODE_ENV: 'test',
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    MONGODB_DB: `t_${id}`,
    BUS_PREFIX: `t_${id}`,
    BUS_QUEUE_EXPIRES_MS: '60000',
    BUS_REQUEST_TIMEOUT_MS: '3000',
    ...overrides,
  });
}
