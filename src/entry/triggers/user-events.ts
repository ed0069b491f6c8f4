// Product events about users (created/updated in Jira, created in Confluence): validate, then queue the work.
import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { noticeProductEvent } from '../../services/provisioning/notice-user';
import { classify } from '../../services/failures';
import { quotaRetryAfterSeconds } from '../../services/storage-quota';
import { retryLater } from '../retry-later';
import { runtimeDeps } from '../runtime';
import { notePaused } from '../../services/licence-gate';
import { licenceOf, type LicensedContext } from '../licence';

/** The documented payloads carry the account id under `user`; the rest varies by product and is not needed. */
const userEventSchema = z.object({
  eventType: z.enum(['avi:jira:created:user', 'avi:jira:updated:user', 'avi:confluence:created:user']),
  user: z.object({ accountId: z.string().min(1).max(128) }),
  eventCreatedDate: z.string().datetime({ offset: true }).optional().catch(undefined),
  retryContext: z.object({ retryCount: z.number() }).passthrough().optional().catch(undefined),
});

export async function onUserEvent(
  event: unknown,
  context: { installContext?: string } & LicensedContext,
): Promise<InvocationError | { status: string }> {
  const parsed = userEventSchema.safeParse(event);
  if (!parsed.success) {
    // Retrying a malformed event cannot help; say what was wrong and drop it.
    console.warn(
      'Ignored a user event with an unexpected shape:',
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
    return { status: 'ignored' };
  }
  const { eventType, user, eventCreatedDate, retryContext } = parsed.data;
  const deps = runtimeDeps(context.installContext);
  const licence = licenceOf(context);
  if (!licence.mayAct) {
    // Nothing is queued; the backstop (from its watermark) and the daily pass find this user once licensed.
    await notePaused(deps, licence);
    return { status: 'unlicensed' };
  }
  try {
    const status = await noticeProductEvent(
      {
        eventType,
        accountId: user.accountId,
        ...(eventCreatedDate ? { createdAt: Date.parse(eventCreatedDate) } : {}),
        retried: retryContext !== undefined,
        ...(context.installContext ? { installContext: context.installContext } : {}),
      },
      deps,
    );
    if (typeof status === 'object') return retryLater(status.later, 'looked at again later');
    return { status };
  } catch (e) {
    // Storage quotas are counted per minute: come back when the minute turns (spread, so a burst's refused
    // events do not all return at once), not a full minute later.
    const failure = classify(e);
    if (failure.kind === 'storage-quota')
      return retryLater(quotaRetryAfterSeconds(deps.now(), user.accountId));
    if (failure.kind === 'queue-busy') return retryLater(60);
    throw e;
  }
}
