import { type CardType, sendCommand } from '@/lib/api';
import { wrote } from '@/lib/queries';

// The board's writes, in one place, named after the commands in the contracts' table. Each
// records its answer's position (see `wrote`).

type Between = { after?: string; before?: string };

export async function addTask(boardId: string, body: { cardId: string; title: string } & Between) {
  return wrote(await sendCommand('createTask', { boardId }, body));
}

export async function addCard(
  boardId: string,
  body: { name: string; type: CardType; after?: string },
) {
  return wrote(await sendCommand('addCard', { boardId }, body));
}

export async function moveCard(boardId: string, cardId: string, between: Between) {
  return wrote(await sendCommand('moveCard', { boardId, cardId }, between));
}

export async function moveTask(taskId: string, body: { toCardId: string } & Between) {
  return wrote(await sendCommand('moveTask', { taskId }, body));
}

export async function renameCard(boardId: string, cardId: string, name: string) {
  return wrote(await sendCommand('updateCard', { boardId, cardId }, { name }));
}

export async function deleteCard(boardId: string, cardId: string) {
  return wrote(await sendCommand('deleteCard', { boardId, cardId }, undefined));
}
