export * from './test-config';
export * from './wait-for';
export * from './test-infra';
export * from './test-app';
export { deleteBusTopology, drainDeadLetters } from '@seg/platform';
export * from './vendors/fake-server';
export * from './vendors/fake-hubspot';
export * from './vendors/fake-customerio';
