import { baseEnvSchema, ConfigError, loadConfig } from './load-config';

describe('loadConfig', () => {
  it('applies defaults that work on the development machines', () => {
    const config = loadConfig(baseEnvSchema, {});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      MONGODB_URI: 'mongodb://127.0.0.1:27017/',
      RABBITMQ_URL: 'amqp://guest:guest@127.0.0.1:5672',
      REDIS_URL: 'redis://127.0.0.1:6379',
      BUS_PREFIX: 'seg',
    });
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      loadConfig(baseEnvSchema, {
        MONGODB_URI: 'http://x',
        BUS_REQUEST_TIMEOUT_MS: 'soon',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('MONGODB_URI: must be a mongodb:// or mongodb+srv:// URI');
    expect(message).toContain('BUS_REQUEST_TIMEOUT_MS');
    expect(message).toContain('LOG_LEVEL');
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig(baseEnvSchema, { BUS_PREFIX: '' }).BUS_PREFIX).toBe('seg');
  });
});
