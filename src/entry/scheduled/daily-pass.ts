// Once a day: prune the audit log to its retention and start the daily pass over every user.
import { startDailyPass } from '../../services/provisioning/daily-pass';
import { runtimeDeps } from '../runtime';
import { notePaused } from '../../services/licence-gate';
import { licenceOf, type LicensedContext } from '../licence';

export async function dailyPass(
  _event: unknown,
  context: { installContext?: string } & LicensedContext,
): Promise<{ statusCode: number; skipped?: 'unlicensed' }> {
  const deps = runtimeDeps(context.installContext);
  const licence = licenceOf(context);
  if (!licence.mayAct) {
    // The first daily pass once licensed queues everyone not evaluated meanwhile.
    await notePaused(deps, licence);
    console.log('daily pass skipped: the app is not licensed');
    return { statusCode: 200, skipped: 'unlicensed' };
  }
  const { pruned } = await startDailyPass(deps);
  // A daily line only when it removed something: an idle site would otherwise say "pruned 0" every day.
  if (pruned > 0) console.log(`daily pass: pruned ${pruned} audit entries past retention`);
  return { statusCode: 200 };
}
