// Every hour: access reviews' clock (series starts, reminders, closing what is due, resuming stalled campaigns,
// purging reports past retention).
import { classify } from '../../services/failures';
import { runHourlyCheck } from '../../services/reviews/hourly-check';
import { runtimeDeps } from '../runtime';

/** A scheduled trigger's error is not retried by Forge: the next run, an hour later, is the retry. */
export async function accessReviewsHourly(
  _event: unknown,
  context: { installContext?: string },
): Promise<{ statusCode: number }> {
  try {
    const result = await runHourlyCheck(runtimeDeps(context.installContext));
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
