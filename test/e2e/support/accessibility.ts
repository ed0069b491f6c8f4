// Accessibility checks with axe-core, injected into the preview from the installed npm package (never fetched):
// each check audits the app's page (not the emulator's header or site console), keeps every finding for
// test/e2e/axe-report.json, and fails on any serious or critical violation.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Page } from 'playwright-core';

export const AXE_REPORT_PATH = resolve(__dirname, '..', 'axe-report.json');
const FAILING_IMPACTS: readonly ImpactValue[] = ['serious', 'critical'];
// The app's page and any modal it opens (UI Kit renders modals in a portal outside the page's box).
const APP_CONTEXT = { include: [['[data-testid="preview-page"]'], ['[role="dialog"]']] };

export interface AxeFinding {
  rule: string;
  impact: ImpactValue | undefined;
  help: string;
  helpUrl: string;
  /** CSS selectors of the offending elements, a few at most. */
  targets: string[];
  /** The first offending element's HTML, shortened. */
  example: string;
}

export interface AxeCheck {
  where: string;
  viewport: string;
  violations: AxeFinding[];
  /** Checks axe could not decide (e.g. contrast over an image): reported, never failing. */
  incomplete: number;
  passes: number;
}

export class AccessibilityAudit {
  private readonly checks: AxeCheck[] = [];
  private readonly source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

  /** Audits what the page shows now; throws naming every serious or critical violation. */
  async check(page: Page, where: string): Promise<AxeCheck> {
    const injected = await page.evaluate(() => 'axe' in window);
    if (!injected) await page.addScriptTag({ content: this.source });
    const results = await page.evaluate(
      (context) =>
        (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }).axe.run(
          context,
          { resultTypes: ['violations', 'incomplete'] },
        ),
      APP_CONTEXT,
    );
    const size = page.viewportSize();
    const check: AxeCheck = {
      where,
      viewport: size ? `${size.width}x${size.height}` : 'unknown',
      violations: results.violations.map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
        example: (v.nodes[0]?.html ?? '').slice(0, 300),
      })),
      incomplete: results.incomplete.length,
      passes: results.passes.length,
    };
    this.checks.push(check);
    this.write();
    const failing = check.violations.filter((v) => FAILING_IMPACTS.includes(v.impact ?? null));
    if (failing.length > 0)
      throw new Error(
        `axe found ${failing.length} serious or critical violation(s) on ${where} (${check.viewport}):\n` +
          failing
            .map(
              (v) =>
                `  ${v.impact ?? '?'} ${v.rule}: ${v.help}\n    at ${v.targets.join(' | ')}\n    ${v.example}`,
            )
            .join('\n'),
      );
    return check;
  }

  private write(): void {
    const failing = this.checks.flatMap((c) =>
      c.violations.filter((v) => FAILING_IMPACTS.includes(v.impact ?? null)),
    ).length;
    writeFileSync(
      AXE_REPORT_PATH,
      `${JSON.stringify({ failOn: FAILING_IMPACTS, failing, checks: this.checks }, null, 2)}\n`,
    );
  }
}
