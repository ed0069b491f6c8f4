// Types for the @atlaskit/tokens 20 entry point the host bundle loads its theme from. TypeScript resolves the
// package to the root's 1.x copy (kept for @forge/bridge), which lacks this entry; the bundler aliases 20.x.
declare module '@atlaskit/tokens/set-global-theme' {
  export function setGlobalTheme(state?: { colorMode?: 'light' | 'dark' | 'auto' }): Promise<unknown>;
}
