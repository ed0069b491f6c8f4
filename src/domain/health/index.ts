// The app's health, derived from facts: the states, each part's freshness rule, and the headline.
export * from './health-model';
export * from './derive-health';
