export * from './schema';
export * from './assessment';
export {
  parseRulePack,
  formatPackProblems,
  bundledPacks,
  storedPacks,
  selectPack,
  inForce,
  packFile,
  packSegments,
  type PackProblem,
  type PackSegment,
} from './packs';
export { assess } from './assess';
export * from './format';
