export * from './schema';
export * from './assessment';
export { parseRulePack, bundledPacks, selectPack, inForce, packSegments } from './packs';
export { assess } from './assess';
export * from './format';
