export * from './test-config';
export * from './wait-for';
export * from './test-infra';
export * from './test-app';
export { deleteBusTopology, drainDeadLetters } from '@seg/platform';
