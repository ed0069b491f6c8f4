// Reads UI Kit chart data (array of arrays with numeric accessors, or array of objects with key accessors) into
// series the preview's SVG charts draw. Pure, so the mapping is unit-tested.

export type Accessor = number | string;

export interface Series {
  name: string;
  /** One value per category, in category order; missing points are 0 (bars) or skipped (lines). */
  values: Array<number | undefined>;
}

export interface CategorySeries {
  categories: string[];
  series: Series[];
}

function read(row: unknown, accessor: Accessor): unknown {
  if (Array.isArray(row)) return typeof accessor === 'number' ? row[accessor] : undefined;
  if (row && typeof row === 'object') return (row as Record<string, unknown>)[String(accessor)];
  return undefined;
}

function label(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Groups rows by x (categories, first-seen order) and by the colour accessor (series, first-seen order). */
export function toCategorySeries(
  data: readonly unknown[],
  x: Accessor,
  y: Accessor,
  color: Accessor | undefined,
): CategorySeries {
  const categories: string[] = [];
  const seriesNames: string[] = [];
  const cells = new Map<string, number>();
  for (const row of data) {
    const category = label(read(row, x));
    const seriesName = color === undefined ? '' : label(read(row, color));
    const value = numberOf(read(row, y));
    if (!categories.includes(category)) categories.push(category);
    if (!seriesNames.includes(seriesName)) seriesNames.push(seriesName);
    if (value !== undefined) {
      const key = `${seriesName}\u0000${category}`;
      cells.set(key, (cells.get(key) ?? 0) + value);
    }
  }
  return {
    categories,
    series: seriesNames.map((name) => ({
      name,
      values: categories.map((c) => cells.get(`${name}\u0000${c}`)),
    })),
  };
}

export interface Slice {
  label: string;
  value: number;
}

/** Pie and donut slices: one per colour group, labelled by the label accessor, summed by the value accessor. */
export function toSlices(
  data: readonly unknown[],
  colorAccessor: Accessor,
  valueAccessor: Accessor,
  labelAccessor: Accessor,
): Slice[] {
  const order: string[] = [];
  const sums = new Map<string, Slice>();
  for (const row of data) {
    const group = label(read(row, colorAccessor));
    const value = numberOf(read(row, valueAccessor)) ?? 0;
    const existing = sums.get(group);
    if (existing) existing.value += value;
    else {
      order.push(group);
      sums.set(group, { label: label(read(row, labelAccessor)) || group, value });
    }
  }
  return order.map((g) => sums.get(g) as Slice).filter((s) => s.value > 0);
}

/** A "nice" axis maximum (1, 2, 2.5 or 5 × a power of ten) at or above the data maximum. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}
