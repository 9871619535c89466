export * from './schema';
export * from './extract';
export { missingCoreKeys } from './core';
export { diagnosePage, keysByLocator } from './diagnosis';
export { FieldMemo } from './memo';
