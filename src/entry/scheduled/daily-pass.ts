// Once a day: prune the audit log to its retention and start the daily pass over every user.
import { startDailyPass } from '../../services/provisioning/daily-pass';
import { runtimeDeps } from '../runtime';

export async function dailyPass(
  _event: unknown,
  context: { installContext?: string },
): Promise<{ statusCode: number }> {
  const { pruned } = await startDailyPass(runtimeDeps(context.installContext));
  console.log(`daily pass started; pruned ${pruned} audit entries past retention`);
  return { statusCode: 200 };
}
