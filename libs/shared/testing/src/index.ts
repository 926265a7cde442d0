export * from './test-config';
export * from './wait-for';
export * from './test-infra';
export { deleteBusTopology, drainDeadLetters } from '@seg/platform';
export * from './vendors/fake-server';
export * from './vendors/fake-hubspot';
export * from './vendors/fake-customerio';
export * from './test-app';
export * from './recording-bus';
