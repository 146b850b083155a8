import { type CardType, command } from '@/lib/api';
import { wrote } from '@/lib/queries';

// The board's writes, in one place. Each records its answer's position (see `wrote`).

type Between = { after?: string; before?: string };

export async function addTask(boardId: string, body: { cardId: string; title: string } & Between) {
  return wrote(await command('POST', `/boards/${boardId}/tasks`, body));
}

export async function addCard(
  boardId: string,
  body: { name: string; type: CardType; after?: string },
) {
  return wrote(await command('POST', `/boards/${boardId}/cards`, body));
}

export async function moveCard(boardId: string, cardId: string, between: Between) {
  return wrote(await command('POST', `/boards/${boardId}/cards/${cardId}/move`, between));
}

export async function moveTask(taskId: string, body: { toCardId: string } & Between) {
  return wrote(await command('POST', `/tasks/${taskId}/move`, body));
}
