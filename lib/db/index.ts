export * from './schema';
export * from './staging';
export * from './read';
export * from './identity';
export * from './cases';
export * from './cases-store';
export * from './tally-months';
