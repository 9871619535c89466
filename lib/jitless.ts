import { z } from 'zod';

// MV3's CSP forbids `new Function`; zod 4 decides per schema at construction time whether to compile a fast
// path, so this must run before any schema module is evaluated: every entry point imports this file first.
z.config({ jitless: true });
