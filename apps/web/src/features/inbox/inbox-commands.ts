import { sendCommand } from '@/lib/api';
import { wrote } from '@/lib/queries';

// The inbox's writes, named after the command in the contracts' table.

export const readInboxItems = async (itemIds: string[]) =>
  wrote(await sendCommand('readInbox', {}, { itemIds }));

export const readWholeInbox = async () => wrote(await sendCommand('readInbox', {}, { all: true }));
