import { z } from 'zod';

// The parts of Trello's "Print and export → Export as JSON" of a board that an import reads.
// Trello writes many more fields; they are ignored. Missing optional fields take Trello's
// defaults, so hand-trimmed files still read.

const id = () => z.string().min(1);
const text = () =>
  z
    .string()
    .nullish()
    .transform((v) => v ?? '');

const label = z.object({ id: id(), name: text(), color: z.string().nullish() });
const list = z.object({
  id: id(),
  name: text(),
  closed: z.boolean().default(false),
  pos: z.number(),
});
const card = z.object({
  id: id(),
  name: text(),
  desc: text(),
  closed: z.boolean().default(false),
  idList: id(),
  pos: z.number(),
  due: z.string().nullish(),
  dueComplete: z.boolean().nullish(),
  idLabels: z.array(z.string()).default([]),
  idMembers: z.array(z.string()).default([]),
  idChecklists: z.array(z.string()).default([]),
});
const checklist = z.object({
  id: id(),
  idCard: id(),
  name: text(),
  pos: z.number().default(0),
  checkItems: z
    .array(
      z.object({
        id: id(),
        name: text(),
        state: z.enum(['complete', 'incomplete']),
        pos: z.number().default(0),
      }),
    )
    .default([]),
});
const member = z.object({
  id: id(),
  fullName: text(),
  username: text(),
  email: z.string().nullish(),
});
const action = z.object({
  id: id(),
  type: z.string(),
  date: z.string(),
  idMemberCreator: z.string().nullish(),
  data: z
    .object({
      text: z.string().optional(),
      card: z.object({ id: id() }).optional(),
    })
    .default({}),
  memberCreator: z.object({ fullName: text(), username: text() }).nullish(),
});

export const TrelloBoard = z.object({
  id: id(),
  name: text(),
  desc: text(),
  labels: z.array(label).default([]),
  lists: z.array(list),
  cards: z.array(card),
  checklists: z.array(checklist).default([]),
  members: z.array(member).default([]),
  actions: z.array(action).default([]),
});

export type TrelloBoard = z.infer<typeof TrelloBoard>;
export type TrelloList = TrelloBoard['lists'][number];
export type TrelloCard = TrelloBoard['cards'][number];
