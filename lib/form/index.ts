export * from './types';
export { readForm, readField } from './read';
export { resolveLocator, selectorFor, locatorOf } from './locator';
export { watchForm, type FormWatch } from './watch';
export { fieldAtPoint } from './picker';
export { parseSiteProfile, type SiteProfile } from './profile';
