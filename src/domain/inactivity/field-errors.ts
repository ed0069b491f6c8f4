// Reads untrusted JSON field by field, recording a sentence per bad field that starts with the field's path.
import { POLICY_LIMITS } from './policy';

export interface PolicyFieldError {
  /** Dotted path of the offending field, e.g. `products.confluence.inactiveAfterDays`. */
  readonly path: string;
  /** A sentence that starts with the path and says what is wrong. */
  readonly message: string;
}

type Limits = { readonly min: number; readonly max: number };

const ID_PATTERN = /^[^\s]+$/;

/** Collects field errors; each reader returns undefined when the field is bad, after recording why. */
export class FieldErrors {
  readonly list: PolicyFieldError[] = [];

  add(path: string, problem: string): void {
    this.list.push({ path, message: `${path} ${problem}` });
  }

  missing(path: string): undefined {
    this.add(path, 'is required');
    return undefined;
  }

  /** `allowed` null means any keys (a map); otherwise unknown keys are errors, to catch typos. */
  object(
    value: unknown,
    path: string,
    allowed: readonly string[] | null,
  ): Record<string, unknown> | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.add(path, 'must be an object');
      return undefined;
    }
    const record = value as Record<string, unknown>;
    if (allowed) {
      for (const key of Object.keys(record)) {
        if (!allowed.includes(key)) this.add(`${path}.${key}`, 'is not a recognised field');
      }
    }
    return record;
  }

  wholeNumber(value: unknown, path: string, limits: Limits): number | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < limits.min || value > limits.max) {
      this.add(path, `must be a whole number from ${limits.min} to ${limits.max}`);
      return undefined;
    }
    return value;
  }

  number(value: unknown, path: string, limits: Limits): number | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < limits.min || value > limits.max) {
      this.add(path, `must be a number from ${limits.min} to ${limits.max}`);
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'boolean') {
      this.add(path, 'must be true or false');
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T | undefined {
    if (value === undefined) return this.missing(path);
    const match = options.find((option) => option === value);
    if (match === undefined) {
      this.add(path, `must be one of ${options.map((option) => `'${option}'`).join(', ')}`);
    }
    return match;
  }

  text(value: unknown, path: string, maxLength: number): string | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'string' || value.trim().length === 0 || value.length > maxLength) {
      this.add(path, `must be a non-empty text of at most ${maxLength} characters`);
      return undefined;
    }
    return value;
  }

  /** Ids are opaque (group UUIDs, account ids): non-empty, no whitespace; duplicates are dropped. */
  idList(value: unknown, path: string, required: boolean): string[] | undefined {
    if (value === undefined) return required ? this.missing(path) : undefined;
    if (!Array.isArray(value)) {
      this.add(path, 'must be a list of ids');
      return undefined;
    }
    if (value.length > POLICY_LIMITS.listMaxLength) {
      this.add(path, `must have at most ${POLICY_LIMITS.listMaxLength} entries (has ${value.length})`);
      return undefined;
    }
    let valid = true;
    value.forEach((item: unknown, index) => {
      if (typeof item !== 'string' || !ID_PATTERN.test(item) || item.length > POLICY_LIMITS.idMaxLength) {
        this.add(
          `${path}[${index}]`,
          `must be an id of 1-${POLICY_LIMITS.idMaxLength} characters without spaces`,
        );
        valid = false;
      }
    });
    return valid ? [...new Set(value as string[])] : undefined;
  }
}
