// Reads untrusted JSON field by field, recording a sentence per bad field that starts with the field's path.
import type { TextKey } from '../../shared/i18n/text';
import { POLICY_LIMITS } from './policy';

export interface PolicyFieldError {
  /** Dotted path of the offending field, e.g. `products.confluence.inactiveAfterDays`. */
  readonly path: string;
  /** A sentence that starts with the path and says what is wrong (English, for logs and the API). */
  readonly message: string;
  /** The same sentence as a translation key; `values.field` is the path. */
  readonly key?: TextKey;
  /** Numbers are given as the English writes them (no grouping), so both read alike. */
  readonly values?: Readonly<Record<string, string>>;
}

type Limits = { readonly min: number; readonly max: number };

const ID_PATTERN = /^[^\s]+$/;

/** Collects field errors; each reader returns undefined when the field is bad, after recording why. */
export class FieldErrors {
  readonly list: PolicyFieldError[] = [];

  /** `problem` is the English after the path; `key` says the same (its `{field}` is the path). */
  add(path: string, problem: string, key: TextKey, values: Readonly<Record<string, string>> = {}): void {
    this.list.push({ path, message: `${path} ${problem}`, key, values: { field: path, ...values } });
  }

  missing(path: string): undefined {
    this.add(path, 'is required', 'fields.policy.required');
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
      this.add(path, 'must be an object', 'fields.policy.object');
      return undefined;
    }
    const record = value as Record<string, unknown>;
    if (allowed) {
      for (const key of Object.keys(record)) {
        if (!allowed.includes(key))
          this.add(`${path}.${key}`, 'is not a recognised field', 'fields.policy.unknownField');
      }
    }
    return record;
  }

  wholeNumber(value: unknown, path: string, limits: Limits): number | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < limits.min || value > limits.max) {
      this.add(
        path,
        `must be a whole number from ${limits.min} to ${limits.max}`,
        'fields.policy.wholeNumber',
        {
          min: String(limits.min),
          max: String(limits.max),
        },
      );
      return undefined;
    }
    return value;
  }

  number(value: unknown, path: string, limits: Limits): number | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < limits.min || value > limits.max) {
      this.add(path, `must be a number from ${limits.min} to ${limits.max}`, 'fields.policy.number', {
        min: String(limits.min),
        max: String(limits.max),
      });
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'boolean') {
      this.add(path, 'must be true or false', 'fields.policy.boolean');
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T | undefined {
    if (value === undefined) return this.missing(path);
    const match = options.find((option) => option === value);
    if (match === undefined) {
      const list = options.map((option) => `'${option}'`).join(', ');
      this.add(path, `must be one of ${list}`, 'fields.policy.oneOf', { options: list });
    }
    return match;
  }

  text(value: unknown, path: string, maxLength: number): string | undefined {
    if (value === undefined) return this.missing(path);
    if (typeof value !== 'string' || value.trim().length === 0 || value.length > maxLength) {
      this.add(path, `must be a non-empty text of at most ${maxLength} characters`, 'fields.policy.text', {
        max: String(maxLength),
      });
      return undefined;
    }
    return value;
  }

  /** Ids are opaque (group UUIDs, account ids): non-empty, no whitespace; duplicates are dropped. */
  idList(value: unknown, path: string, required: boolean): string[] | undefined {
    if (value === undefined) return required ? this.missing(path) : undefined;
    if (!Array.isArray(value)) {
      this.add(path, 'must be a list of ids', 'fields.policy.idList');
      return undefined;
    }
    if (value.length > POLICY_LIMITS.listMaxLength) {
      this.add(
        path,
        `must have at most ${POLICY_LIMITS.listMaxLength} entries (has ${value.length})`,
        'fields.policy.tooManyEntries',
        { max: String(POLICY_LIMITS.listMaxLength), count: String(value.length) },
      );
      return undefined;
    }
    let valid = true;
    value.forEach((item: unknown, index) => {
      if (typeof item !== 'string' || !ID_PATTERN.test(item) || item.length > POLICY_LIMITS.idMaxLength) {
        this.add(
          `${path}[${index}]`,
          `must be an id of 1-${POLICY_LIMITS.idMaxLength} characters without spaces`,
          'fields.policy.id',
          { max: String(POLICY_LIMITS.idMaxLength) },
        );
        valid = false;
      }
    });
    return valid ? [...new Set(value as string[])] : undefined;
  }
}
