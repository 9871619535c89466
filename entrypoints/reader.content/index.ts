import { bootReader } from './boot';

export default defineContentScript({
  // registered at runtime, per enabled system, by the background (lib/sites); never declared in the manifest
  matches: [],
  registration: 'runtime',
  allFrames: true,
  cssInjectionMode: 'manual',
  // the host page's own message listeners must not see ours
  noScriptStartedPostMessage: true,
  main() {
    bootReader();
  },
});
