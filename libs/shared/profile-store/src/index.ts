export * from './base/workspace-repository';
