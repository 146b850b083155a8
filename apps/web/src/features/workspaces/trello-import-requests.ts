import type { ImportAnswerDto, ImportProgressLineDto } from '@taskomask/contracts';
import { ApiError, type Problem } from '@/lib/api';
import { wrote } from '@/lib/queries';

// The Trello import's two requests through the BFF's command proxy: the report (dry run) and the
// import itself, whose answer streams progress lines (NDJSON) and ends with the answer.

export type ImportAnswer = ImportAnswerDto;
export type ImportProgress = Extract<ImportProgressLineDto, { progress: unknown }>['progress'];

const urlOf = (workspaceId: string, options: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(options))
    if (value !== undefined) search.set(key, value);
  return `/api/cmd/workspaces/${encodeURIComponent(workspaceId)}/imports/trello?${search}`;
};

async function problemOf(response: Response): Promise<Problem> {
  try {
    return { ...((await response.json()) as Partial<Problem>), status: response.status };
  } catch {
    return { status: response.status, title: response.statusText };
  }
}

/** Plans the file on the server and answers its report; nothing is written. */
export async function reportTrelloImport(
  workspaceId: string,
  file: string,
  projectId: string | undefined,
): Promise<ImportAnswer> {
  const response = await fetch(urlOf(workspaceId, { dryRun: 'true', projectId }), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: file,
  });
  if (!response.ok) throw new ApiError(await problemOf(response));
  return (await response.json()) as ImportAnswer;
}

/** Imports the file, telling `onProgress` as steps land; answers the final answer. */
export async function runTrelloImport(
  workspaceId: string,
  file: string,
  options: Readonly<{ projectId: string | undefined; fix: boolean }>,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportAnswer> {
  const response = await fetch(
    urlOf(workspaceId, { fix: String(options.fix), projectId: options.projectId }),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' },
      body: file,
    },
  );
  if (!response.ok || response.body === null) throw new ApiError(await problemOf(response));
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value !== undefined) buffered += value;
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = JSON.parse(buffered.slice(0, newline)) as ImportProgressLineDto;
      buffered = buffered.slice(newline + 1);
      if ('progress' in line) onProgress(line.progress);
      else if ('answer' in line) {
        wrote({ version: 0, position: line.answer.position });
        return line.answer;
      } else throw new ApiError(line.problem);
      newline = buffered.indexOf('\n');
    }
    if (done)
      throw new ApiError({
        status: 503,
        title: 'The import stopped; send the file again to finish it.',
      });
  }
}
