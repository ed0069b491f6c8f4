// Licensing: whether an installation may act, decided from the licence Forge passes.
export * from './licence-decision';
