// Access reviews, the pure decisions: campaign definitions and their cross-field rules, who reviews each item,
// what decisions do, campaign time (campaign.ts, assignment.ts, decisions.ts, schedule.ts).
export * from './campaign';
export * from './assignment';
export * from './decisions';
export * from './schedule';
