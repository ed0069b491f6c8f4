// Turns the engine's pre-order trace (each step with its depth) into a tree the page can nest.
import type { TraceNode } from '../../domain/rules';

export interface TraceBranch {
  node: TraceNode;
  children: TraceBranch[];
}

export function traceTree(trace: readonly TraceNode[]): TraceBranch[] {
  const roots: TraceBranch[] = [];
  const open: TraceBranch[] = [];
  for (const node of trace) {
    const branch: TraceBranch = { node, children: [] };
    open.length = Math.min(open.length, node.depth);
    const parent = open[node.depth - 1];
    if (node.depth === 0 || !parent) roots.push(branch);
    else parent.children.push(branch);
    open[node.depth] = branch;
  }
  return roots;
}
