// The one place a refused request becomes a sentence for a person. The APIs answer RFC 9457
// problem+json (apps/api/src/http/problem.ts): `type` urn:taskomask:problem:<kind>, a `detail`
// written for developers, `rule` on a 422, `errors` (field, reason) on a 400. None of that is shown
// raw: no scope names, status codes or titles reach a toast.

/** RFC 9457 problem details as the APIs answer them. */
export type Problem = {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  rule?: string;
  errors?: { field: string; reason: string }[];
};

export const networkFailed = 'The network failed; your change was undone.';

const kindOf = (problem: Problem) => problem.type?.replace(/^urn:taskomask:problem:/, '') ?? '';

/** The domain's "<entity> <id> not found" / "… already exists": which thing it was about. */
function entityOf(detail: string | undefined): string | undefined {
  const match =
    /^(workspace|project|board|card|task|comment|checklist item|member|owner|personal token)\b/.exec(
      detail ?? '',
    );
  return match?.[1];
}

const gone: Readonly<Record<string, string>> = {
  workspace: 'This workspace was deleted, or you are no longer a member of it.',
  project: 'This project was deleted by someone else.',
  board: 'This board was deleted by someone else.',
  card: 'This card was deleted by someone else.',
  task: 'This task was deleted by someone else.',
  comment: 'This comment was deleted by someone else.',
  'checklist item': 'This checklist item was deleted by someone else.',
  member: 'That person is not a member of this workspace (any more).',
  owner: 'There is no account with that member id.',
  'personal token': 'That API token no longer exists. Reload to see the list.',
};

/** What a role may not do, by the capability the domain names ("the viewer role does not allow …"). */
const notAllowed: Readonly<Record<string, string>> = {
  'boards:write': 'You can only view this board.',
  'tasks:write': 'You can only view this board.',
  'comments:write': 'You can only view this board, not comment on it.',
  'comments:moderate': 'Only its author, an owner or an admin can remove this comment.',
  'members:manage': 'Only owners and admins can manage members.',
  'projects:manage': 'Only owners and admins can manage projects and boards.',
  'workspace:manage': 'Only owners and admins can change this workspace.',
  'workspace:delete': 'Only owners can delete this workspace.',
};

function forbidden(problem: Problem): string {
  const detail = problem.detail ?? '';
  if (kindOf(problem) === 'insufficient-scope') {
    return 'Your sign-in does not allow this. Sign out and in again, then retry.';
  }
  const capability = /does not allow ([\w:]+)/.exec(detail)?.[1];
  if (capability !== undefined && notAllowed[capability]) return notAllowed[capability];
  if (/only its author may edit/.test(detail)) return 'Only its author can edit this comment.';
  if (/only its author or a moderator/.test(detail)) return notAllowed['comments:moderate']!;
  if (/owner role/.test(detail)) return 'Only an owner can make someone an owner, or unmake one.';
  if (/account admin/.test(detail)) return 'Only administrators can do this.';
  if (/cannot .*their own account/.test(detail)) {
    return 'You cannot do this to your own account: another administrator must.';
  }
  if (/only change your own account/.test(detail)) return 'You can only change your own account.';
  if (/cannot make tokens/.test(detail)) return 'Sign in to make an API token.';
  return 'You are not allowed to do that.';
}

function nameTaken(detail: string): string {
  if (/task titled/.test(detail)) return 'A task with that title is already on this board.';
  if (/card named/.test(detail)) return 'That name is taken on this board.';
  if (/board named/.test(detail)) return 'That name is taken in this project.';
  if (/project named/.test(detail)) return 'That name is taken in this workspace.';
  if (/workspace named/.test(detail)) return 'You already have a workspace with that name.';
  return 'That name is already taken here.';
}

const atMost = (detail: string) => /at most (\d+)/.exec(detail)?.[1] ?? 'so many';

/** 422: a rule of the domain, by its `rule` code. */
function ruleBroken(problem: Problem): string {
  const detail = problem.detail ?? '';
  switch (problem.rule) {
    case 'name_taken':
      return nameTaken(detail);
    case 'task_limit':
      return `This board is full: it holds at most ${atMost(detail)} tasks.`;
    case 'card_limit':
      return `A board holds at most ${atMost(detail)} cards.`;
    case 'label_limit':
      return `A task can have at most ${atMost(detail)} labels.`;
    case 'checklist_limit':
      return `A checklist can have at most ${atMost(detail)} items.`;
    case 'card_not_empty':
      return 'Move or delete the tasks on this card first.';
    case 'project_not_empty':
      return 'Delete the boards of this project first.';
    case 'last_owner':
      return 'A workspace must keep at least one owner.';
    case 'assignee_not_member':
      return 'That person is not a member of this workspace.';
    case 'assignee_read_only':
      return 'A viewer cannot be assigned tasks.';
    case 'token_limit':
      return `You can have at most ${atMost(detail)} API tokens in use: revoke one first.`;
    case 'webhook_limit':
      return `A workspace can have at most ${atMost(detail)} webhooks.`;
    default:
      if (kindOf(problem) === 'idempotency-key-reused') {
        return 'That change was already sent. Reload to see it.';
      }
      return 'That is not allowed here.';
  }
}

const fieldNames: Readonly<Record<string, string>> = {
  name: 'name',
  title: 'title',
  description: 'description',
  text: 'text',
  dueDate: 'due date',
  assigneeId: 'assignee',
  label: 'label',
  labels: 'labels',
  ownerId: 'member id',
  role: 'role',
  type: 'type',
  scopes: 'scopes',
  expiresAt: 'expiry',
};

/** 400: the first field the API named, in words (its reason is written for people already). */
function invalid(problem: Problem): string {
  const first = problem.errors?.[0];
  if (first === undefined) return 'Please check what you entered.';
  const leaf = first.field.split('.').at(-1) ?? first.field;
  const field = fieldNames[leaf];
  if (field === undefined) return 'Please check what you entered.';
  return `Please check the ${field}: ${first.reason}.`.replace(/\.\.$/, '.');
}

/** A sentence for a person: what went wrong and, where it helps, what to do now. */
export function problemMessage(problem: Problem): string {
  switch (problem.status) {
    case 400:
      return invalid(problem);
    case 401:
      return 'Your session ended. Sign in again.';
    case 403:
      return forbidden(problem);
    case 404:
      return (
        gone[entityOf(problem.detail) ?? ''] ?? 'This was deleted, or you no longer have access.'
      );
    case 409:
      if (/already exists/.test(problem.detail ?? '')) return 'That was already added.';
      return 'Someone changed this at the same time. Your change was undone; the latest version is shown.';
    case 412:
      return 'Someone changed this at the same time. Your change was undone; the latest version is shown.';
    case 413:
      return 'That is too long to save.';
    case 422:
      return ruleBroken(problem);
    case 429:
      return 'Too many changes at once. Wait a moment and try again.';
    default:
      return problem.status >= 500
        ? 'The server could not do that just now. Try again in a moment.'
        : 'That did not work. Reload the page and try again.';
  }
}
