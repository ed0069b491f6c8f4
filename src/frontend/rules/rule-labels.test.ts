// Grants and the builder's catalogues read in the reader's language; the engine's own English stays for the backend.
import { describeGrant, KNOWN_ATTRIBUTES, OPERATORS, type Grant } from '../../domain/rules';
import { catalogueText } from '../../../test/support/catalogue-text';
import { ATTRIBUTE_LABEL, OPERATOR_LABEL, grantText } from './rule-labels';

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
    const english = catalogueText('en-US');
    expect(grantText(english, group)).toBe(describeGrant(group));
    expect(grantText(english, role)).toBe(describeGrant(role));
  });

  it('writes a grant in German', () => {
    const german = catalogueText('de-DE');
    expect(grantText(german, group)).toBe('Gruppe „sales-team“');
    expect(grantText(german, role)).toBe('Rolle „Developers“ im Projekt SALES');
  });
});

describe('the builder’s catalogues', () => {
  it('label every attribute and operator as the engine does in English, and differently in German', () => {
    const english = catalogueText('en-US');
    const german = catalogueText('de-DE');
    for (const attribute of KNOWN_ATTRIBUTES) {
      expect(english.t(ATTRIBUTE_LABEL[attribute.name])).toBe(attribute.label);
      expect(german.t(ATTRIBUTE_LABEL[attribute.name])).not.toBe(attribute.label);
    }
    for (const operator of OPERATORS) {
      expect(english.t(OPERATOR_LABEL[operator.operator])).toBe(operator.label);
      expect(german.t(OPERATOR_LABEL[operator.operator])).not.toBe(operator.label);
    }
  });
});
