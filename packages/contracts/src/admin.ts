import { z } from 'zod';
import { uuid } from './fields';

/** The account an /admin endpoint names. */
export const OwnerParams = z.strictObject({ ownerId: uuid() });
