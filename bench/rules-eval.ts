// Benchmark: how long a realistic rule set takes to evaluate over many generated users (and to plan a sample).
//
// Import runRulesEvalBenchmark({ rules, users, seed? }) from a runner, or run directly:
//   npx tsx bench/rules-eval.ts [--rules 500] [--users 100000] [--seed 1]

import os from 'node:os';
import { freezeRules, planAccess } from '../src/domain/access-plan';
import { createPrng } from '../emulator/site/prng';
import {
  createRuleMatcher,
  parseRule,
  prepareUser,
  type ParsedRule,
  type Rule,
  type UserAttributes,
} from '../src/domain/rules';

export interface RulesEvalOptions {
  rules: number;
  users: number;
  seed?: number;
  /**
   * How many of the users also go through planAccess (the full per-user path); default min(users, 50,000). The
   * first 2,000 of them (or a tenth, if fewer) only warm the planner up and are not counted: a provisioning
   * worker plans page after page, so steady state is what it runs at.
   */
  plannedUsers?: number;
}

export interface RulesEvalResult {
  rules: number;
  users: number;
  /** rules × users rule evaluations. */
  evaluations: number;
  /** Time to parse and compile every rule. */
  parseMs: number;
  /** Time to evaluate every rule for every user (prepared users, no trace): the number the issue's target is about. */
  durationMs: number;
  /** CPU time of the same loop: steadier than wall time when other processes share the machine. */
  cpuMs: number;
  evaluationsPerSecond: number;
  matchesPerUser: number;
  /** Users whose planning was measured (after the warm-up). */
  plannedUsers: number;
  warmUpUsers: number;
  planMs: number;
  plansPerSecond: number;
  /** Users planned per second of CPU time (steadier than wall time when other processes share the machine). */
  planUsersPerSecond: number;
}

/** Math.random cannot be seeded: the emulator's mulberry32 can. */
const random = (seed: number): (() => number) => {
  const prng = createPrng(seed);
  return () => prng.next();
};

const DEPARTMENTS = [
  'Sales',
  'Engineering',
  'Marketing',
  'Finance',
  'Legal',
  'Support',
  'Operations',
  'Product',
  'Design',
  'HR',
  'IT',
  'Security',
  'Research',
  'Data',
  'Procurement',
  'Facilities',
  'Partnerships',
  'Education',
  'Quality',
  'Ventes',
];
const TITLES = [
  'Engineer',
  'Senior Engineer',
  'Lead Engineer',
  'Engineering Manager',
  'Account Executive',
  'Sales Manager',
  'Designer',
  'Senior Designer',
  'Product Manager',
  'Analyst',
  'Senior Analyst',
  'Director',
  'VP Sales',
  'Support Agent',
  'Support Lead',
  'Recruiter',
  'Counsel',
  'Controller',
  'Contractor',
  'Intern',
  'Architect',
  'Site Reliability Engineer',
  'Data Scientist',
  'Chef de projet',
  'Ingénieur',
  'Technician',
  'Coordinator',
  'Consultant',
  'Specialist',
  'Administrator',
];
const LOCATIONS = [
  'London',
  'Paris',
  'Berlin',
  'New York',
  'Austin',
  'Sydney',
  'Tokyo',
  'São Paulo',
  'Toronto',
  'Dublin',
  'Bangalore',
  'Zürich',
  'Madrid',
  'Warsaw',
  'Remote',
];
const DOMAINS = ['example.com', 'corp.example.com', 'contractors.example.net'];
const GROUPS = Array.from(
  { length: 200 },
  (_, i) =>
    `${['jira', 'confluence', 'team', 'proj', 'site'][i % 5]}-${['users', 'admins', 'eng', 'sales', 'ops', 'ext', 'beta', 'emea'][i % 8]}-${i}`,
);
const IDP_GROUPS = Array.from(
  { length: 50 },
  (_, i) => `sg-${['all', 'fte', 'contractors', 'managers', 'it'][i % 5]}-${i}`,
);
const EMPLOYEE_TYPES = ['FTE', 'Contractor', 'Intern', 'Vendor'];
/** Groups the rules grant: separate from the IdP-synced ones rules mostly read, as on real sites. */
const JIT_GROUPS = Array.from(
  { length: 60 },
  (_, i) => `jit-${['jira', 'confluence', 'jsm', 'tier'][i % 4]}-${i}`,
);

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const quoteEntra = (s: string): string => `"${s.replace(/[`"]/g, (c) => '`' + c)}"`;

export function generateUser(rnd: () => number, index: number): UserAttributes {
  const first = `user${index}`;
  const domain = pick(rnd, DOMAINS);
  const groups = new Set<string>();
  const groupCount = 3 + Math.floor(rnd() * 13);
  while (groups.size < groupCount) groups.add(pick(rnd, GROUPS));
  const idpGroups = new Set<string>();
  const idpCount = Math.floor(rnd() * 6);
  while (idpGroups.size < idpCount) idpGroups.add(pick(rnd, IDP_GROUPS));
  const year = 2015 + Math.floor(rnd() * 10);
  const month = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
  return {
    accountId: `5f${index.toString(16).padStart(10, '0')}`,
    email: `${first}@${domain}`,
    emailDomain: domain,
    displayName: `User ${index}`,
    department: rnd() < 0.05 ? null : pick(rnd, DEPARTMENTS),
    jobTitle: pick(rnd, TITLES),
    organization: 'Example Ltd',
    location: pick(rnd, LOCATIONS),
    timeZone: 'Europe/London',
    preferredLanguage: 'en',
    accountType: 'atlassian',
    active: true,
    groups: [...groups],
    idpGroups: [...idpGroups],
    custom: {
      level: 1 + Math.floor(rnd() * 10),
      costCenter: `CC-${1000 + Math.floor(rnd() * 50)}`,
      startDate: `${year}-${month}-15`,
      employeeType: pick(rnd, EMPLOYEE_TYPES),
    },
  };
}

/** One condition drawn from the shapes real rule sets use most. */
function generateCondition(rnd: () => number): string {
  const r = rnd();
  if (r < 0.2) return `user.department -eq ${quoteEntra(pick(rnd, DEPARTMENTS))}`;
  if (r < 0.3)
    return `user.department -in [${[pick(rnd, DEPARTMENTS), pick(rnd, DEPARTMENTS), pick(rnd, DEPARTMENTS)].map(quoteEntra).join(', ')}]`;
  if (r < 0.4) return `user.jobTitle -startsWith ${quoteEntra(pick(rnd, TITLES).split(' ')[0]!)}`;
  if (r < 0.47)
    return `user.jobTitle -match ${quoteEntra(pick(rnd, ['^(Senior|Lead) ', 'Engineer$', '^Data .*st$', 'Manager|Director', '^Support']))}`;
  if (r < 0.64) return `user.groups -any (_ -eq ${quoteEntra(pick(rnd, GROUPS))})`;
  // A few rules build on groups other rules grant, so planning has chains to settle.
  if (r < 0.67) return `user.groups -any (_ -eq ${quoteEntra(pick(rnd, JIT_GROUPS))})`;
  if (r < 0.72)
    return `user.groups -any (_ -startsWith ${quoteEntra(pick(rnd, ['jira-', 'confluence-admins', 'team-eng', 'proj-']))})`;
  if (r < 0.77)
    return `user.idpGroups -any (_ -in [${quoteEntra(pick(rnd, IDP_GROUPS))}, ${quoteEntra(pick(rnd, IDP_GROUPS))}])`;
  if (r < 0.82) return `user.email -endsWith ${quoteEntra('@' + pick(rnd, DOMAINS))}`;
  if (r < 0.87) return `user.custom.level -ge ${1 + Math.floor(rnd() * 10)}`;
  if (r < 0.9) return `user.custom.startDate -lt "${2016 + Math.floor(rnd() * 9)}-01-01"`;
  if (r < 0.95) return `user.custom.employeeType -eq ${quoteEntra(pick(rnd, EMPLOYEE_TYPES))}`;
  return `-not (user.location -eq ${quoteEntra(pick(rnd, LOCATIONS))})`;
}

export function generateRules(count: number, rnd: () => number): Rule[] {
  return Array.from({ length: count }, (_, i) => {
    const parts = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => generateCondition(rnd));
    let text = parts.join(' -and ');
    if (rnd() < 0.25) text = `(${text}) -or ${generateCondition(rnd)}`;
    const group = pick(rnd, JIT_GROUPS);
    return {
      id: `rule-${String(i).padStart(4, '0')}`,
      name: `Generated rule ${i}`,
      description: '',
      enabled: true,
      priority: Math.floor(rnd() * 1000),
      condition: { text, dialect: 'entra' },
      grants: [{ kind: 'group', groupId: `gid-${group}`, groupName: group }] satisfies Rule['grants'],
      onUnmatch: rnd() < 0.5 ? 'revoke' : 'keep',
    } satisfies Rule;
  });
}

export async function runRulesEvalBenchmark(options: RulesEvalOptions): Promise<RulesEvalResult> {
  const seed = options.seed ?? 1;
  const rnd = random(seed);
  // Frozen, as provisioning holds the rule set it loaded: planning need not check for rules edited in place.
  const rules = freezeRules(generateRules(options.rules, rnd));
  const users = Array.from({ length: options.users }, (_, i) => generateUser(rnd, i));

  const parseStart = performance.now();
  const parsed: ParsedRule[] = rules.map((rule) => {
    const result = parseRule(rule.condition.text, rule.condition.dialect);
    if (!result.ok) throw new Error(`generated rule ${rule.id} does not parse: ${result.errors[0]?.message}`);
    return result.rule;
  });
  const match = createRuleMatcher(parsed);
  const parseMs = performance.now() - parseStart;

  let matches = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (const user of users) matches += match(prepareUser(user)).length;
  const durationMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;

  // Planning inputs: each user already holds a few JIT groups, most granted earlier by a random rule.
  const plannedUsers = Math.min(options.plannedUsers ?? 50_000, users.length);
  const warmUpUsers = Math.min(2_000, Math.floor(plannedUsers / 10));
  const planInputs = users.slice(0, plannedUsers).map((user) => {
    const held = Array.from({ length: Math.floor(rnd() * 4) }, () => pick(rnd, JIT_GROUPS));
    const withJit = { ...user, groups: [...(user.groups ?? []), ...held] };
    return {
      user: withJit,
      current: withJit.groups.map((g) => `group:gid-${g}`),
      ledger: held
        .filter(() => rnd() < 0.8)
        .map((g) => ({
          grantKey: `group:gid-${g}`,
          ruleId: pick(rnd, rules).id,
          grantedAt: '2025-01-01T00:00:00Z',
        })),
    };
  });
  for (const input of planInputs.slice(0, warmUpUsers)) planAccess({ ...input, rules });
  const measured = planInputs.slice(warmUpUsers);
  const planCpuStart = process.cpuUsage();
  const planStart = performance.now();
  for (const input of measured) planAccess({ ...input, rules });
  const planMs = performance.now() - planStart;
  const planCpu = process.cpuUsage(planCpuStart);
  const planCpuMs = (planCpu.user + planCpu.system) / 1000;

  // Yield once so callers running several benchmarks get a responsive event loop between them.
  await new Promise((resolve) => setImmediate(resolve));
  const evaluations = options.rules * options.users;
  return {
    rules: options.rules,
    users: options.users,
    evaluations,
    parseMs,
    durationMs,
    cpuMs,
    evaluationsPerSecond: evaluations / (durationMs / 1000),
    matchesPerUser: matches / Math.max(1, options.users),
    plannedUsers: measured.length,
    warmUpUsers,
    planMs,
    plansPerSecond: measured.length / (planMs / 1000),
    planUsersPerSecond: measured.length / (planCpuMs / 1000),
  };
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} needs a whole number`);
  return value;
}

if (require.main === module) {
  const options = {
    rules: argument('rules', 500),
    users: argument('users', 100_000),
    seed: argument('seed', 1),
  };
  runRulesEvalBenchmark(options)
    .then((r) => {
      const fmt = (n: number, digits = 0): string =>
        n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
      const rows: [string, string][] = [
        ['rules', fmt(r.rules)],
        ['users', fmt(r.users)],
        ['rule evaluations', fmt(r.evaluations)],
        ['parse + compile all rules', `${fmt(r.parseMs, 1)} ms`],
        ['evaluate all rules × users', `${fmt(r.durationMs, 1)} ms (CPU ${fmt(r.cpuMs, 1)} ms)`],
        ['evaluations per second', fmt(r.evaluationsPerSecond)],
        ['matching rules per user (avg)', fmt(r.matchesPerUser, 2)],
        [
          `planAccess, ${fmt(r.plannedUsers)} users`,
          `${fmt(r.planMs, 1)} ms (${fmt(r.plansPerSecond)} users/s)`,
        ],
      ];
      const width = Math.max(...rows.map(([k]) => k.length));
      const load = os.loadavg()[0]!.toFixed(2);
      console.log(
        `rules-eval benchmark (seed ${options.seed}, Node ${process.version}, ${os.cpus().length} CPUs, load ${load})`,
      );
      for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
