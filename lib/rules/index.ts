export * from './schema';
export * from './assessment';
export { parseRulePack, bundledPacks, selectPack, inForce } from './packs';
export { assess } from './assess';
export * from './format';
