import { uuid } from './fields';
import { z } from './zod';

/** The account an /admin endpoint names. */
export const OwnerParams = z.strictObject({ ownerId: uuid() });
