/**
 * Every rule the domain enforces fails with a DomainError. Its `code` is all the HTTP edge needs
 * to answer with RFC 9457 `application/problem+json`; the mapping is `httpStatusByCode`:
 *
 *   validation → 400  a field is malformed or out of bounds (`field`, `reason`)
 *   forbidden  → 403  the actor is a member but their role does not allow the change
 *   not_found  → 404  the thing does not exist, was deleted, or the actor is not a member
 *                     (never reveal that another workspace's ids exist)
 *   conflict   → 409  an entity with that id already exists
 *   rule       → 422  a business rule refuses the change (`rule`: 'card_limit', 'name_taken', …)
 *
 * Anything else thrown from the domain is a bug in the caller (e.g. a shell that passed the wrong
 * stream as context) and should answer 500.
 */
export type DomainErrorCode = 'validation' | 'forbidden' | 'not_found' | 'conflict' | 'rule';

export const httpStatusByCode = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
} as const satisfies Record<DomainErrorCode, number>;

export type EntityKind =
  | 'workspace'
  | 'member'
  | 'project'
  | 'board'
  | 'card'
  | 'task'
  | 'checklist_item'
  | 'comment'
  | 'invitation'
  | 'personal_token'
  | 'webhook';

export type RuleCode =
  | 'name_taken'
  | 'card_limit'
  | 'task_limit'
  | 'label_limit'
  | 'checklist_limit'
  | 'card_not_empty'
  | 'project_not_empty'
  | 'last_owner'
  | 'assignee_not_member'
  | 'assignee_read_only'
  | 'token_limit'
  | 'webhook_limit';

export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly field: string;
  readonly reason: string;

  constructor(field: string, reason: string) {
    super('validation', `${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

export class NotFoundError extends DomainError {
  readonly entity: EntityKind;
  readonly id: string;

  constructor(entity: EntityKind, id: string) {
    super('not_found', `${entity.replace('_', ' ')} ${id} not found`);
    this.entity = entity;
    this.id = id;
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super('forbidden', message);
  }
}

export class AlreadyExists extends DomainError {
  readonly entity: EntityKind;
  readonly id: string;

  constructor(entity: EntityKind, id: string) {
    super('conflict', `${entity.replace('_', ' ')} ${id} already exists`);
    this.entity = entity;
    this.id = id;
  }
}

export class RuleViolation extends DomainError {
  readonly rule: RuleCode;

  constructor(rule: RuleCode, message: string) {
    super('rule', message);
    this.rule = rule;
  }
}

/** HTTP status for any error: domain errors by code, everything else is our bug (500). */
export function httpStatusOf(error: unknown): number {
  return error instanceof DomainError ? httpStatusByCode[error.code] : 500;
}
