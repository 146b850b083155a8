/** The bounds of DESIGN.md §1, in one place so the edge's zod schemas can reuse them. */
export const limits = {
  nameMin: 3,
  nameMax: 50,
  descriptionMax: 100,
  taskDescriptionMax: 2048,
  commentMax: 512,
  labelMax: 30,
  labelsPerTask: 20,
  checklistItemMax: 200,
  checklistItemsPerTask: 100,
  cardsPerBoard: 10,
  tasksPerBoard: 1000,
  /** Personal API tokens neither revoked nor expired, per person. */
  personalTokensPerOwner: 50,
  /** The furthest expiry a personal API token may have, in days. */
  personalTokenMaxDays: 366,
  webhooksPerWorkspace: 10,
  webhookUrlMax: 2048,
  webhookSecretMin: 16,
  webhookSecretMax: 128,
} as const;
