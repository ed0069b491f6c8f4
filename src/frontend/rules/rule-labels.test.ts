// Grants and the builder's catalogues read in the reader's language; the engine's own English stays for the backend.
import { describeGrant, KNOWN_ATTRIBUTES, OPERATORS, type Grant } from '../../domain/rules';
import germanCatalog from '../../locales/de-DE.json';
import { lookupIn } from '../../shared/i18n/catalog-text';
import { createText } from '../../shared/i18n/text';
import { inEnglish } from '../../../test/support/english';
import { grantText } from '../common/grant-text';
import { ATTRIBUTE_LABEL, OPERATOR_LABEL } from './rule-labels';

const inGerman = createText(lookupIn(germanCatalog), 'de-DE', 'UTC');

const group: Grant = { kind: 'group', groupId: 'g1', groupName: 'sales-team' };
const role: Grant = {
  kind: 'projectRole',
  projectId: '10000',
  projectKey: 'SALES',
  roleId: '7',
  roleName: 'Developers',
};

describe('grantText', () => {
  it('writes a grant as the engine does in English', () => {
    expect(grantText(inEnglish, group)).toBe(describeGrant(group));
    expect(grantText(inEnglish, role)).toBe(describeGrant(role));
  });

  it('writes a grant in German', () => {
    expect(grantText(inGerman, group)).toBe('Gruppe „sales-team“');
    expect(grantText(inGerman, role)).toBe('Projektrolle „Developers“ im Projekt SALES');
    expect(grantText(inGerman, group, 'alone')).toBe('Gruppe „sales-team“');
    expect(grantText(inEnglish, role, 'alone')).toBe('Role "Developers" in project SALES');
  });
});

describe('the builder’s catalogues', () => {
  it('label every attribute and operator as the engine does in English, and differently in German', () => {
    for (const attribute of KNOWN_ATTRIBUTES) {
      expect(inEnglish.t(ATTRIBUTE_LABEL[attribute.name])).toBe(attribute.label);
      expect(inGerman.t(ATTRIBUTE_LABEL[attribute.name])).not.toBe(attribute.label);
    }
    for (const operator of OPERATORS) {
      expect(inEnglish.t(OPERATOR_LABEL[operator.operator])).toBe(operator.label);
      expect(inGerman.t(OPERATOR_LABEL[operator.operator])).not.toBe(operator.label);
    }
  });
});
