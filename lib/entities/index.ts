export * from './kinds';
export * from './mapping';
export * from './import';
export * from './lookup';
export * from './flags';
export * from './manage';
export * from './serious-check';
export { lookupMemoryBytes, warmLookups } from './memory';
