export * from './protocol';
export { request, type Send } from './client';
