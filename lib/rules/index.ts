export * from './schema';
export * from './assessment';
export * from './verdicts';
export { parseRulePack, formatPackProblems, bundledPacks, selectPack, inForce, packFile, packSegments, type PackProblem } from './packs';
export { assess } from './assess';
export * from './format';
