import { describe, expect, it } from 'vitest';
import { topicMatches } from '../src/topic';

// Cases checked against RabbitMQ 3.10's topic exchange when this matcher was written.
const cases: Array<[pattern: string, matches: string[], misses: string[]]> = [
  ['board.*', ['board.created'], ['board', 'board.a.b', 'boards.created', 'task.created']],
  ['board.#', ['board', 'board.created', 'board.a.b'], ['boards.a', 'a.board']],
  ['#', ['a', 'a.b.c', 'board.created'], []],
  ['*.created', ['task.created'], ['created', 'a.b.created', 'task.moved']],
  ['#.created', ['created', 'task.created', 'a.b.created'], ['created.a']],
  ['a.#.z', ['a.z', 'a.b.z', 'a.b.c.z'], ['a', 'a.b', 'z.a.z']],
  ['*', ['a', 'created'], ['a.b']],
  ['#.#', ['a', 'a.b', 'a.b.c'], []],
  ['a.b', ['a.b'], ['a', 'a.b.c', 'b.a']],
  ['*.#.*', ['a.b', 'a.b.c'], ['a']],
  ['#.a.#', ['a', 'x.a.y', 'a.a', 'a.b'], ['b', 'x.y']],
];

describe('topicMatches', () => {
  for (const [pattern, matches, misses] of cases) {
    it(`"${pattern}" takes ${matches.join(', ') || 'nothing listed'}`, () => {
      for (const key of matches) expect(topicMatches(pattern, key), key).toBe(true);
      for (const key of misses) expect(topicMatches(pattern, key), key).toBe(false);
    });
  }
});
