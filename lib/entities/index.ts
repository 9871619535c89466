export * from './kinds';
export * from './mapping';
export * from './import';
export * from './lookup';
export * from './flags';
export * from './manage';
export * from './serious-check';
export { DEFAULT_CHUNK_CHARS, LARGE_LIST_BUCKETS } from './layout';
export { warmLookups } from './key-index';
