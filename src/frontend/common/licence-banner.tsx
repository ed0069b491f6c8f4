// The licence, above the tabs: when the evaluation ends, or why the app is paused and where to buy or renew it.
import { Link, SectionMessage, Text } from '@forge/react';
import type { LicenceView } from '../../shared/contract';
import { formatIsoWhen } from './format';

/** Where a site admin subscribes or renews: the app's Marketplace listing (also under Manage apps). */
export const MARKETPLACE_LISTING_URL = 'https://marketplace.atlassian.com/search?query=JIT%20Access';

export function LicenceBanner({ licence }: { licence: LicenceView }) {
  if (licence.state === 'evaluation')
    return (
      <SectionMessage appearance="information" title="Evaluation licence">
        <Text>
          {licence.trialEndDate
            ? `Your free evaluation ends on ${formatIsoWhen(licence.trialEndDate)}. Everything works until then.`
            : 'You are evaluating JIT Access. Everything works until the evaluation ends.'}{' '}
          <Link href={MARKETPLACE_LISTING_URL} openNewTab>
            Subscribe on the Atlassian Marketplace
          </Link>
        </Text>
      </SectionMessage>
    );
  if (licence.mayAct) return null;
  return (
    <SectionMessage appearance="warning" title="JIT Access is not licensed for this site">
      <Text>
        {licence.state === 'inactive'
          ? 'The licence is not active (it lapsed, was cancelled or the evaluation ended).'
          : 'Atlassian passed no licence for this installation.'}{' '}
        Until it is active, the app takes no actions: new sign-ups are not provisioned, scans and inactivity
        sweeps do not run, identity-provider pushes are refused and backfills, previews and dry runs cannot
        start. Rules, settings, the overview and the audit stay available. Once the licence is active again,
        everything resumes by itself and catches up on the people it missed.
      </Text>
      <Text>
        <Link href={MARKETPLACE_LISTING_URL} openNewTab>
          Buy or renew JIT Access on the Atlassian Marketplace
        </Link>
      </Text>
    </SectionMessage>
  );
}
