// The licence, above the tabs: when the evaluation ends, or why the app is paused and where to buy or renew it.
import { Link, SectionMessage, Text } from '@forge/react';
import type { LicenceView } from '../../shared/contract';
import { useText } from '../i18n/text-provider';

/** Where a site admin subscribes or renews: the app's Marketplace listing (also under Manage apps). */
export const MARKETPLACE_LISTING_URL = 'https://marketplace.atlassian.com/search?query=JIT%20Access';

export function LicenceBanner({ licence }: { licence: LicenceView }) {
  const text = useText();
  const { t } = text;
  if (licence.state === 'evaluation') {
    const ends = licence.trialEndDate ? Date.parse(licence.trialEndDate) : Number.NaN;
    return (
      <SectionMessage appearance="information" title={t('common.licence.evaluationTitle')}>
        <Text>
          {Number.isNaN(ends)
            ? t('common.licence.evaluating')
            : t('common.licence.evaluationEnds', { date: text.when(ends) })}{' '}
          <Link href={MARKETPLACE_LISTING_URL} openNewTab>
            {t('common.licence.subscribe')}
          </Link>
        </Text>
      </SectionMessage>
    );
  }
  if (licence.mayAct) return null;
  return (
    <SectionMessage appearance="warning" title={t('common.licence.notLicensedTitle')}>
      <Text>
        {licence.state === 'inactive' ? t('common.licence.inactive') : t('common.licence.none')}{' '}
        {t('common.licence.whatStops')}
      </Text>
      <Text>
        <Link href={MARKETPLACE_LISTING_URL} openNewTab>
          {t('common.licence.buyOrRenew')}
        </Link>
      </Text>
    </SectionMessage>
  );
}
