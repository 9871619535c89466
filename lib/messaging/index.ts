export * from './protocol';
export { request } from './client';
