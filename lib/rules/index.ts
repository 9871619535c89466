export * from './schema';
export * from './assessment';
export { parseRulePack, bundledPacks, storedPacks, selectPack, inForce, packSegments, type PackSegment } from './packs';
export { assess } from './assess';
export * from './format';
