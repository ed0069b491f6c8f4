// Product events about users (created/updated in Jira, created in Confluence): validate, then queue the work.
import type { InvocationError } from '@forge/events';
import { z } from 'zod';
import { noticeUser } from '../../services/provisioning/notice-user';
import { classify } from '../../services/failures';
import { quotaRetryAfterSeconds } from '../../services/storage-quota';
import { retryLater } from '../retry-later';
import { runtimeDeps } from '../runtime';
import { auditId } from '../../services/audit-ids';

/** The documented payloads carry the account id under `user`; the rest varies by product and is not needed. */
const userEventSchema = z.object({
  eventType: z.enum(['avi:jira:created:user', 'avi:jira:updated:user', 'avi:confluence:created:user']),
  user: z.object({ accountId: z.string().min(1).max(128) }),
});

export async function onUserEvent(
  event: unknown,
  context: { installContext?: string },
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
  const { eventType, user } = parsed.data;
  const deps = runtimeDeps(context.installContext);
  try {
    const status = await noticeUser(
      {
        accountId: user.accountId,
        source: 'event',
        runId: `event:${auditId(eventType, user.accountId, deps.now())}`,
      },
      deps,
    );
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
