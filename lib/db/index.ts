export * from './schema';
export * from './staging';
export * from './read';
export * from './identity';
