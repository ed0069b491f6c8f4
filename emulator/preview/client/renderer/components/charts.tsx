// UI Kit charts. Atlassian draws them with @atlassian/viz-platform-charts, which is not published to npm, so the
// preview draws honest minimal SVG versions (bars, stacks, lines, pie/donut) from the same props and says so.
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { num, str, type ForgeDoc } from '../forge-doc';
import { niceMax, toCategorySeries, toSlices, type Accessor, type CategorySeries } from './chart-data';

const PALETTE = [
  'var(--ds-chart-categorical-1, #2898bd)',
  'var(--ds-chart-categorical-2, #5e4db2)',
  'var(--ds-chart-categorical-3, #e56910)',
  'var(--ds-chart-categorical-4, #943d73)',
  'var(--ds-chart-categorical-5, #09326c)',
  'var(--ds-chart-categorical-6, #8f7ee7)',
  'var(--ds-chart-categorical-7, #50253f)',
  'var(--ds-chart-categorical-8, #a54800)',
];
const AXIS = 'var(--ds-border, #dcdfe4)';
const LABEL = 'var(--ds-text-subtle, #44546f)';
/** Width used before the first measurement (and in server-side rendering, where nothing is measured). */
const DEFAULT_WIDTH = 640;

/**
 * The rendered width of the chart's box, so the SVG is drawn at 1:1 and its labels keep their font size
 * whatever the column width (a fixed viewBox would scale the text with the chart).
 */
function useBoxWidth(): [RefObject<HTMLDivElement>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(DEFAULT_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

function colour(index: number, palette: unknown): string {
  if (Array.isArray(palette) && palette.length > 0) {
    const entry: unknown = palette[index % palette.length];
    if (typeof entry === 'string') return entry;
  }
  return PALETTE[index % PALETTE.length] as string;
}

function accessor(node: ForgeDoc, name: string): Accessor | undefined {
  const v = node.props[name];
  return typeof v === 'number' || typeof v === 'string' ? v : undefined;
}

function dataOf(node: ForgeDoc): unknown[] {
  return Array.isArray(node.props.data) ? (node.props.data as unknown[]) : [];
}

function ChartFrame(props: {
  node: ForgeDoc;
  kind: string;
  legend?: string[];
  boxRef: RefObject<HTMLDivElement>;
  children: ReactNode;
}): ReactNode {
  const { node } = props;
  const border = node.props.showBorder !== false;
  const width = num(node.props, 'width');
  return (
    <figure
      data-testid="preview-chart"
      data-chart={props.kind}
      style={{
        margin: '8px 0',
        padding: 12,
        border: border ? `1px solid ${AXIS}` : 'none',
        borderRadius: 6,
        width: width ?? '100%',
        boxSizing: 'border-box',
      }}
    >
      {str(node.props, 'title') ? <div style={{ fontWeight: 600 }}>{str(node.props, 'title')}</div> : null}
      {str(node.props, 'subtitle') ? (
        <div style={{ color: LABEL, fontSize: 12 }}>{str(node.props, 'subtitle')}</div>
      ) : null}
      <div ref={props.boxRef}>{props.children}</div>
      {props.legend && props.legend.filter(Boolean).length > 0 ? (
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, fontSize: 12, color: LABEL }}>
          {props.legend.map((name, i) => (
            <span key={name}>
              <span
                style={{
                  display: 'inline-block',
                  width: 10,
                  height: 10,
                  background: colour(i, node.props.colorPalette),
                  marginRight: 4,
                }}
              />
              {name}
            </span>
          ))}
        </div>
      ) : null}
      <figcaption style={{ fontSize: 10, color: LABEL, marginTop: 4 }}>
        Local preview: simplified {props.kind} (Atlassian&apos;s chart library is not public)
      </figcaption>
    </figure>
  );
}

function categoryData(node: ForgeDoc): CategorySeries {
  return toCategorySeries(
    dataOf(node),
    accessor(node, 'xAccessor') ?? 0,
    accessor(node, 'yAccessor') ?? 1,
    accessor(node, 'colorAccessor'),
  );
}

function Bars({
  node,
  horizontal,
  stacked,
  kind,
}: {
  node: ForgeDoc;
  horizontal: boolean;
  stacked: boolean;
  kind: string;
}): ReactNode {
  const [boxRef, viewWidth] = useBoxWidth();
  const { categories, series } = categoryData(node);
  const height = num(node.props, 'height') ?? 400;
  const totals = categories.map((_, i) =>
    stacked
      ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
      : Math.max(0, ...series.map((s) => s.values[i] ?? 0)),
  );
  const max = niceMax(Math.max(0, ...totals));
  const pad = { left: horizontal ? 110 : 40, right: 16, top: 12, bottom: horizontal ? 24 : 40 };
  const plotW = viewWidth - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const band = (horizontal ? plotH : plotW) / Math.max(1, categories.length);
  const groupWidth = band * 0.7;
  const bars: ReactNode[] = [];
  categories.forEach((category, ci) => {
    let offset = 0;
    series.forEach((s, si) => {
      const value = s.values[ci] ?? 0;
      const length = (value / max) * (horizontal ? plotW : plotH);
      const thickness = stacked ? groupWidth : groupWidth / series.length;
      const along = band * ci + (band - groupWidth) / 2 + (stacked ? 0 : thickness * si);
      const rect = horizontal
        ? { x: pad.left + offset, y: pad.top + along, width: length, height: thickness }
        : { x: pad.left + along, y: pad.top + plotH - offset - length, width: thickness, height: length };
      if (stacked) offset += length;
      bars.push(
        <rect key={`${ci}-${si}`} {...rect} fill={colour(si, node.props.colorPalette)}>
          <title>{`${s.name ? `${s.name} · ` : ''}${category}: ${value}`}</title>
        </rect>,
      );
    });
  });
  return (
    <ChartFrame
      node={node}
      kind={kind}
      boxRef={boxRef}
      legend={series.length > 1 ? series.map((s) => s.name) : []}
    >
      <svg
        viewBox={`0 0 ${viewWidth} ${height}`}
        width={viewWidth}
        height={height}
        role="img"
        aria-label={str(node.props, 'title') ?? kind}
      >
        <line x1={pad.left} y1={pad.top + plotH} x2={pad.left + plotW} y2={pad.top + plotH} stroke={AXIS} />
        <line x1={pad.left} y1={pad.top} x2={pad.left} y2={pad.top + plotH} stroke={AXIS} />
        {bars}
        {categories.map((category, ci) => {
          const mid = band * ci + band / 2;
          return horizontal ? (
            <text
              key={category}
              x={pad.left - 6}
              y={pad.top + mid + 4}
              textAnchor="end"
              fontSize={11}
              fill={LABEL}
            >
              {category}
            </text>
          ) : (
            <text
              key={category}
              x={pad.left + mid}
              y={pad.top + plotH + 16}
              textAnchor="middle"
              fontSize={11}
              fill={LABEL}
            >
              {category}
            </text>
          );
        })}
        {horizontal ? (
          <text x={pad.left + plotW} y={height - 6} textAnchor="end" fontSize={11} fill={LABEL}>
            {max}
          </text>
        ) : (
          <text x={pad.left - 6} y={pad.top + 10} textAnchor="end" fontSize={11} fill={LABEL}>
            {max}
          </text>
        )}
      </svg>
    </ChartFrame>
  );
}

export const BarChartAdapter = ({ node }: { node: ForgeDoc }): ReactNode => (
  <Bars node={node} horizontal={false} stacked={false} kind="bar chart" />
);
export const StackBarChartAdapter = ({ node }: { node: ForgeDoc }): ReactNode => (
  <Bars node={node} horizontal={false} stacked kind="stacked bar chart" />
);
export const HorizontalBarChartAdapter = ({ node }: { node: ForgeDoc }): ReactNode => (
  <Bars node={node} horizontal stacked={false} kind="horizontal bar chart" />
);
export const HorizontalStackBarChartAdapter = ({ node }: { node: ForgeDoc }): ReactNode => (
  <Bars node={node} horizontal stacked kind="horizontal stacked bar chart" />
);

export function LineChartAdapter({ node }: { node: ForgeDoc }): ReactNode {
  const [boxRef, viewWidth] = useBoxWidth();
  const { categories, series } = categoryData(node);
  const height = num(node.props, 'height') ?? 400;
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const pad = { left: 40, right: 28, top: 12, bottom: 40 };
  const plotW = viewWidth - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const step = categories.length > 1 ? plotW / (categories.length - 1) : 0;
  const point = (ci: number, v: number): string =>
    `${pad.left + step * ci},${pad.top + plotH - (v / max) * plotH}`;
  const every = Math.max(1, Math.ceil(categories.length / 10));
  return (
    <ChartFrame
      node={node}
      kind="line chart"
      boxRef={boxRef}
      legend={series.length > 1 ? series.map((s) => s.name) : []}
    >
      <svg
        viewBox={`0 0 ${viewWidth} ${height}`}
        width={viewWidth}
        height={height}
        role="img"
        aria-label={str(node.props, 'title') ?? 'line chart'}
      >
        <line x1={pad.left} y1={pad.top + plotH} x2={pad.left + plotW} y2={pad.top + plotH} stroke={AXIS} />
        <line x1={pad.left} y1={pad.top} x2={pad.left} y2={pad.top + plotH} stroke={AXIS} />
        {series.map((s, si) => (
          <polyline
            key={s.name || si}
            fill="none"
            stroke={colour(si, node.props.colorPalette)}
            strokeWidth={2}
            points={s.values.flatMap((v, ci) => (v === undefined ? [] : [point(ci, v)])).join(' ')}
          />
        ))}
        {categories.map((category, ci) =>
          ci % every === 0 ? (
            <text
              key={category}
              x={pad.left + step * ci}
              y={pad.top + plotH + 16}
              textAnchor="middle"
              fontSize={11}
              fill={LABEL}
            >
              {category}
            </text>
          ) : null,
        )}
        <text x={pad.left - 6} y={pad.top + 10} textAnchor="end" fontSize={11} fill={LABEL}>
          {max}
        </text>
      </svg>
    </ChartFrame>
  );
}

function Pie({ node, donut }: { node: ForgeDoc; donut: boolean }): ReactNode {
  const [boxRef, viewWidth] = useBoxWidth();
  const slices = toSlices(
    dataOf(node),
    accessor(node, 'colorAccessor') ?? 0,
    accessor(node, 'valueAccessor') ?? 1,
    accessor(node, 'labelAccessor') ?? 0,
  );
  const height = num(node.props, 'height') ?? 400;
  const cx = viewWidth / 2;
  const cy = height / 2;
  const outer = num(node.props, 'outerRadius') ?? Math.min(cx, cy) - 16;
  const inner = donut ? (num(node.props, 'innerRadius') ?? outer * 0.6) : 0;
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  let angle = -Math.PI / 2;
  const at = (r: number, a: number): string => `${cx + r * Math.cos(a)} ${cy + r * Math.sin(a)}`;
  const kind = donut ? 'donut chart' : 'pie chart';
  return (
    <ChartFrame node={node} kind={kind} boxRef={boxRef} legend={slices.map((s) => s.label)}>
      <svg
        viewBox={`0 0 ${viewWidth} ${height}`}
        width={viewWidth}
        height={height}
        role="img"
        aria-label={str(node.props, 'title') ?? kind}
      >
        {slices.map((slice, i) => {
          // A slice of the whole pie stops just short of a full turn: an SVG arc cannot start and end at one point.
          const sweep = Math.min((slice.value / total) * 2 * Math.PI, 2 * Math.PI - 1e-6);
          const start = angle;
          const end = (angle += sweep);
          const large = sweep > Math.PI ? 1 : 0;
          const d = donut
            ? `M ${at(outer, start)} A ${outer} ${outer} 0 ${large} 1 ${at(outer, end)} L ${at(inner, end)} A ${inner} ${inner} 0 ${large} 0 ${at(inner, start)} Z`
            : `M ${cx} ${cy} L ${at(outer, start)} A ${outer} ${outer} 0 ${large} 1 ${at(outer, end)} Z`;
          return (
            <path key={slice.label || i} d={d} fill={colour(i, node.props.colorPalette)}>
              <title>{`${slice.label}: ${slice.value}`}</title>
            </path>
          );
        })}
        {donut ? (
          <text x={cx} y={cy + 6} textAnchor="middle" fontSize={20} fontWeight={600} fill={LABEL}>
            {total}
          </text>
        ) : null}
      </svg>
    </ChartFrame>
  );
}

export const PieChartAdapter = ({ node }: { node: ForgeDoc }): ReactNode => <Pie node={node} donut={false} />;
export const DonutChartAdapter = ({ node }: { node: ForgeDoc }): ReactNode => <Pie node={node} donut />;
