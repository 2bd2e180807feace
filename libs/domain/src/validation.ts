import { DomainError, type FieldIssue } from './errors.js';

/** NUL and lone UTF-16 surrogates: PostgreSQL's text and jsonb refuse them, so no input may carry them. */
export const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Collects every invalid field of a command so the caller hears about all of them at once,
 * then throws one VALIDATION_FAILED whose `reason` is the first issue's.
 */
export class InputCheck {
  private readonly issues: (FieldIssue & { reason: string })[] = [];

  constructor(private readonly defaultReason: string) {}

  fail(field: string, message: string, reason = this.defaultReason): this {
    this.issues.push({ field, message, reason });
    return this;
  }

  require(condition: boolean, field: string, message: string, reason?: string): boolean {
    if (!condition) this.fail(field, message, reason);
    return condition;
  }

  text(value: unknown, field: string, maxLength: number): value is string {
    if (typeof value !== 'string' || value.trim().length === 0) {
      this.fail(field, 'must be a non-empty string');
      return false;
    }
    if (value.length > maxLength) {
      this.fail(field, `must be at most ${maxLength} characters`);
      return false;
    }
    if (UNSTORABLE_TEXT.test(value)) {
      this.fail(field, 'must not contain NUL or unpaired surrogate characters');
      return false;
    }
    return true;
  }

  /** Optional free text: undefined or null is fine, otherwise a non-blank string. */
  optionalText(value: unknown, field: string, maxLength: number): boolean {
    if (value === undefined || value === null) return true;
    return this.text(value, field, maxLength);
  }

  oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): value is T {
    return this.require(
      typeof value === 'string' && (allowed as readonly string[]).includes(value),
      field,
      `must be one of ${allowed.join(', ')}`,
    );
  }

  get ok(): boolean {
    return this.issues.length === 0;
  }

  throwIfAny(): void {
    if (this.issues.length === 0) return;
    const details: FieldIssue[] = this.issues.map(({ field, message }) => ({ field, message }));
    const message = `Invalid input: ${details.map((i) => `${i.field} ${i.message}`).join('; ')}`;
    throw new DomainError('VALIDATION_FAILED', message, { reason: this.issues[0].reason, details });
  }
}
