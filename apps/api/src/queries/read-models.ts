// The read models the query side reads, as the projector defines them: one place to import them
// from, so the query side's dependency on apps/projector is this file alone.
export {
  type ActivityDoc,
  activityDocId,
  type Membership,
  membershipId,
  readSchema,
  type TaskDoc,
} from '@taskomask/projector';
