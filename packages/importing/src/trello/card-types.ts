import type { CardType } from '@taskomask/domain';

// Trello lists have no status; their names usually say it. Checked in this order.
const byName: readonly (readonly [RegExp, CardType])[] = [
  [/\b(done|complete[d]?|finished|shipped|released|closed|archive[d]?)\b/i, 'Done'],
  [/\b(doing|in progress|progress|working|wip|review|testing|started|ongoing)\b/i, 'Doing'],
  [/\b(backlog|ideas?|icebox|someday|later|inbox)\b/i, 'Backlog'],
];

/** The type of the card (column) a Trello list becomes: by its name, else ToDo. */
export function cardTypeOfList(name: string): CardType {
  for (const [pattern, type] of byName) if (pattern.test(name)) return type;
  return 'ToDo';
}
