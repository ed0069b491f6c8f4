// Words straight from a locale file, without Forge's loader: for tests that read what the page or a notice says,
// and anywhere the backend must word something before the deployed translations can be read.
import type { Lookup } from './text';

type Tree = { readonly [key: string]: string | Tree };

/** Finds `a.b.c` in a nested locale file the way @forge/i18n does (a flat key first, then the path). */
export function lookupIn(catalog: object): Lookup {
  const tree = catalog as Tree;
  return (key) => {
    const flat = tree[key];
    if (typeof flat === 'string') return flat;
    let node: string | Tree | undefined = tree;
    for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
    return typeof node === 'string' ? node : null;
  };
}
