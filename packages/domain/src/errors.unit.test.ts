import { describe, expect, it } from 'vitest';
import {
  AlreadyExists,
  DomainError,
  ForbiddenError,
  httpStatusOf,
  NotFoundError,
  RuleViolation,
  ValidationError,
} from './errors';

describe('domain errors', () => {
  it('carry a code the HTTP edge maps to a status', () => {
    expect(httpStatusOf(new ValidationError('name', 'too short'))).toBe(400);
    expect(httpStatusOf(new ForbiddenError('viewers read only'))).toBe(403);
    expect(httpStatusOf(new NotFoundError('board', 'b1'))).toBe(404);
    expect(httpStatusOf(new AlreadyExists('card', 'c1'))).toBe(409);
    expect(httpStatusOf(new RuleViolation('card_limit', 'ten at most'))).toBe(422);
    expect(httpStatusOf(new Error('bug'))).toBe(500);
  });

  it('say what failed', () => {
    const error = new ValidationError('name', 'must be at least 3 characters');
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ name: 'ValidationError', code: 'validation', field: 'name' });
    expect(error.message).toBe('name: must be at least 3 characters');
    expect(new NotFoundError('checklist_item', 'i1').message).toBe('checklist item i1 not found');
    expect(new RuleViolation('last_owner', 'keep one')).toMatchObject({ rule: 'last_owner' });
  });
});
