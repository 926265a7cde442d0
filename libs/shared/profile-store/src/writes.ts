/**
 * The profile store's write paths that only the users service may import (the one writer
 * of profiles, events and the catalog; `eslint.config.mjs` enforces it).
 */
export * from './sync/source-attributes.writer';
export * from './sync/kept-record.schema';
export * from './sync/kept-record.repository';
export * from './profile-store-writes.module';
