export * from './errors/error-codes';
export * from './errors/zod-details';
export * from './bus/contract';
export * from './bus/registry';
export * from './system/system.contracts';
export * from './workspaces/workspace.contracts';
export * from './jobs/queues';
