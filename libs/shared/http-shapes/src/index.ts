// The public HTTP API's request and response shapes, one file per area. Browser-safe: zod and
// @seg/contracts only (README.md).
export * from './workspaces.shapes';
export * from './segments.shapes';
export * from './experiences.shapes';
export * from './users.shapes';
export * from './ingestion.shapes';
export * from './integrations.shapes';
export * from './auth.shapes';
export * from './team.shapes';
