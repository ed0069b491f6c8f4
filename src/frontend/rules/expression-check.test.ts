// The editor's live check: positions, excerpts and carets for errors; canonical text for a valid rule.
import germanCatalog from '../../locales/de-DE.json';
import { lookupIn } from '../../shared/i18n/catalog-text';
import { createText } from '../../shared/i18n/text';
import { inEnglish } from '../../../test/support/english';
import { checkExpression, errorHeadline } from './expression-check';

const inGerman = createText(lookupIn(germanCatalog), 'de-DE', 'UTC');

describe('checkExpression', () => {
  it('says nothing about an empty editor', () => {
    expect(checkExpression(' \n ', 'entra')).toEqual({ state: 'empty' });
  });

  it('places an error on its line and column with a caret under it', () => {
    const check = checkExpression('user.department -eq "Sales"\n-and user.departmnet -eq "x"', 'entra');
    if (check.state !== 'invalid') throw new Error(`expected errors, got ${check.state}`);
    const [error] = check.errors;
    expect(error).toBeDefined();
    expect(errorHeadline(inEnglish, error!)).toBe(
      'Line 2, column 6: Unknown attribute "user.departmnet" — did you mean "user.department"?',
    );
    // German words the position and the problem; the admin's tokens stay as written.
    expect(errorHeadline(inGerman, error!)).toBe(
      'Zeile 2, Spalte 6: Unbekanntes Attribut "user.departmnet" – meinten Sie "user.department"?',
    );
    // The engine's English sentence, which the backend reports, is kept beside the key.
    expect(error!.message).toBe('Unknown attribute "user.departmnet" — did you mean "user.department"?');
    expect(error!.excerpt).toBe('-and user.departmnet -eq "x"');
    expect(error!.caret).toBe(`     ${'^'.repeat('user.departmnet'.length)}`);
  });

  it('checks in the chosen dialect', () => {
    expect(checkExpression('user.department == "Sales"', 'okta').state).toBe('valid');
    const entra = checkExpression('user.department == "Sales"', 'entra');
    expect(entra.state).toBe('invalid');
  });

  it('gives the canonical Entra text and the attributes read', () => {
    expect(checkExpression('String.startsWith(user.title, "Eng")', 'okta')).toEqual({
      state: 'valid',
      canonical: 'user.jobTitle -startsWith "Eng"',
      attributes: ['jobTitle'],
    });
  });
});
