// Privileged targets, who may grant them, and who may change an organization-wide suspension policy: the pure
// decisions (privileged-set.ts, grant-policy.ts, suspension.ts).
export * from './privileged-set';
export * from './grant-policy';
export * from './suspension';
