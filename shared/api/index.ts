export * from './actor.ts';
export * from './audit.ts';
export * from './contract.ts';
export * from './result.ts';
export * from './settings.ts';
export * from './status.ts';
export * from './bridge.ts';
