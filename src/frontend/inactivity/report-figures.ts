// A run report's figures as the page shows them, built so they add up: every outcome has a column, each
// product's columns sum to the users it checked, and the totals row is the sum of the product rows.
import type { DecisionOutcome } from '../../domain/inactivity';
import type { Text, TextKey } from '../../shared/i18n/text';
import type { RunSummaryView } from '../../shared/contract';

/** Every outcome a decision can have, in the order an admin reads them, with its label's key. */
export const OUTCOME_COLUMNS: readonly (readonly [DecisionOutcome, TextKey])[] = [
  ['act', 'inactivity.outcomes.act'],
  ['blocked', 'inactivity.outcomes.blocked'],
  ['warn', 'inactivity.outcomes.warn'],
  ['still-in-grace', 'inactivity.outcomes.stillInGrace'],
  ['cancel-warning', 'inactivity.outcomes.cancelWarning'],
  ['active', 'inactivity.outcomes.active'],
  ['unknown-activity', 'inactivity.outcomes.unknownActivity'],
  ['excluded', 'inactivity.outcomes.excluded'],
  ['already-acted', 'inactivity.outcomes.alreadyActed'],
  ['no-access', 'inactivity.outcomes.noAccess'],
];

/** An outcome's label's key, for cells that name one outcome. */
export const OUTCOME_LABEL: Readonly<Record<DecisionOutcome, TextKey>> = Object.fromEntries(
  OUTCOME_COLUMNS,
) as Record<DecisionOutcome, TextKey>;

export interface ProductFigures {
  readonly product: string;
  readonly name: string;
  readonly byOutcome: Readonly<Record<DecisionOutcome, number>>;
  /** Users decided for this product: the sum of its outcome columns. */
  readonly checked: number;
  /** Users who hold the product on this site (the inactivity histogram's total). */
  readonly holding: number;
  readonly seatsFreed: number;
}

export interface ReportFigures {
  readonly products: readonly ProductFigures[];
  readonly totals: ProductFigures;
  /** Outcome columns worth showing, with their labels: those with a user in some product (hidden ones are all zero). */
  readonly columns: readonly (readonly [DecisionOutcome, string])[];
}

function zeroes(): Record<DecisionOutcome, number> {
  return Object.fromEntries(OUTCOME_COLUMNS.map(([key]) => [key, 0])) as Record<DecisionOutcome, number>;
}

export function reportFigures(summary: RunSummaryView, text: Text): ReportFigures {
  const products = summary.products.map((p): ProductFigures => {
    const byOutcome = zeroes();
    for (const [key] of OUTCOME_COLUMNS) byOutcome[key] = p.outcomes[key] ?? 0;
    return {
      product: p.product,
      name: p.displayName,
      byOutcome,
      checked: OUTCOME_COLUMNS.reduce((n, [key]) => n + byOutcome[key], 0),
      holding: Object.values(p.histogram).reduce((n, v) => n + v, 0),
      seatsFreed: p.seatsFreed,
    };
  });
  const byOutcome = zeroes();
  for (const p of products) for (const [key] of OUTCOME_COLUMNS) byOutcome[key] += p.byOutcome[key];
  const totals: ProductFigures = {
    product: '',
    name: text.t('inactivity.report.allProducts'),
    byOutcome,
    checked: products.reduce((n, p) => n + p.checked, 0),
    holding: products.reduce((n, p) => n + p.holding, 0),
    seatsFreed: products.reduce((n, p) => n + p.seatsFreed, 0),
  };
  const columns = OUTCOME_COLUMNS.filter(([key]) => byOutcome[key] > 0).map(
    ([key, label]) => [key, text.t(label)] as const,
  );
  return { products, totals, columns };
}
