// Design-token names as UI Kit apps write them ('space.100', 'color.text.subtle') turned into the CSS custom
// properties the Atlaskit theme defines, for the few props (Box xcss, chart colours) that take raw styles.
import type { CSSProperties } from 'react';

/** 'color.text.subtle' → 'var(--ds-text-subtle)'; 'elevation.surface' → 'var(--ds-surface)'; others kept. */
export function tokenToCss(value: unknown): string | number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = /^(color|space|elevation|border|radius|font|opacity|shadow)\.([a-zA-Z0-9.[\]-]+)$/.exec(
    value,
  );
  if (!match) return value;
  const [, group, rest] = match as unknown as [string, string, string];
  // Colour and elevation tokens drop their group in the CSS name; the others keep it.
  const name = group === 'color' || group === 'elevation' ? rest : `${group}.${rest}`;
  return `var(--ds-${name.replace(/\./g, '-')})`;
}

/** A UI Kit `xcss` object (xcss() is the identity in @forge/react) as an inline style with tokens resolved. */
export function xcssToStyle(xcss: unknown): CSSProperties | undefined {
  if (!xcss || typeof xcss !== 'object') return undefined;
  const style: Record<string, string | number> = {};
  for (const [property, value] of Object.entries(xcss as Record<string, unknown>)) {
    // Pseudo-classes and media queries (':hover', '@media') cannot be inline styles; the preview drops them.
    if (property.startsWith(':') || property.startsWith('@')) continue;
    const css = tokenToCss(value);
    if (css !== undefined) style[property] = css;
  }
  return style;
}
