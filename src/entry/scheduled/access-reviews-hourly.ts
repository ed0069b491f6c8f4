// Every hour: access reviews' clock (series starts, reminders, closing what is due, resuming stalled campaigns,
// purging reports past retention).
import { classify } from '../../services/failures';
import { notePaused } from '../../services/licence-gate';
import { runHourlyCheck } from '../../services/reviews/hourly-check';
import { licenceOf, type LicensedContext } from '../licence';
import { runtimeDeps } from '../runtime';

/** A scheduled trigger's error is not retried by Forge: the next run, an hour later, is the retry. */
export async function accessReviewsHourly(
  _event: unknown,
  context: { installContext?: string } & LicensedContext,
): Promise<{ statusCode: number; skipped?: 'unlicensed' }> {
  const deps = runtimeDeps(context.installContext);
  const licence = licenceOf(context);
  if (!licence.mayAct) {
    // Campaigns due meanwhile start, remind and close at the first hourly run once licensed.
    await notePaused(deps, licence);
    return { statusCode: 200, skipped: 'unlicensed' };
  }
  try {
    const result = await runHourlyCheck(deps);
    if (Object.values(result).some((n) => n > 0)) console.log('access reviews:', JSON.stringify(result));
    return { statusCode: 200 };
  } catch (e) {
    const failure = classify(e);
    if (!failure.transient) throw e;
    console.warn(
      `access reviews: skipped (${failure.kind}: ${failure.message}); the next hourly run retries`,
    );
    return { statusCode: 503 };
  }
}
