export * from './types';
export { readForm, readField, DEFAULT_MAX_FIELDS, type ReadOptions, type ReadRoot } from './read';
export { resolveLocator, selectorFor, locatorOf, SHADOW_SEPARATOR } from './locator';
export { watchForm, sameSnapshot, type FormWatch, type WatchOptions } from './watch';
export { fieldAtPoint, type PickedField } from './picker';
export { SiteProfileSchema, SitePinSchema, parseSiteProfile, type SiteProfile, type SitePin, type ParsedProfile } from './profile';
export { OVERLAY_HOST_TAG } from './dom';
