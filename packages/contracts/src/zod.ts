import { z } from 'zod';

// zod compiles object parsers with `new Function` and probes for it when a schema is built. Our
// pages run under a CSP without 'unsafe-eval', so in a browser that probe is a reported violation
// (and compiling would be refused): there, parse without compiling. Servers keep the faster path.
// Every module of this package takes `z` from here, so this runs before any schema is built.
if (typeof window !== 'undefined') z.config({ jitless: true });

export { z };
