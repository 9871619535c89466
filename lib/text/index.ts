export * from './fold';
export * from './numbers';
export * from './money';
export * from './dates';
export * from './decisionNo';
export * from './literals';
