// A form field's column (label, control, help, errors) with a sensible width: Atlaskit fields otherwise
// stretch across the page or, inside an Inline, shrink to their placeholder.
import type { ReactNode } from 'react';
import { Box, Stack, xcss } from '@forge/react';

const WIDTHS = {
  narrow: xcss({ width: '240px' }),
  medium: xcss({ width: '300px' }),
  wide: xcss({ width: '100%', maxWidth: '560px' }),
} as const;

export type FieldWidth = keyof typeof WIDTHS;

export function FieldBox({ width = 'medium', children }: { width?: FieldWidth; children: ReactNode }) {
  return (
    <Box xcss={WIDTHS[width]}>
      <Stack space="space.050">{children}</Stack>
    </Box>
  );
}
