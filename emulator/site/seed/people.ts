// Plausible people for seeding: names, departments with titles, time zones and languages, drawn from a PRNG.
import type { Prng } from '../prng';

const FIRST = [
  'Olivia',
  'Liam',
  'Emma',
  'Noah',
  'Ava',
  'Oliver',
  'Sophia',
  'Elijah',
  'Isabella',
  'Lucas',
  'Mia',
  'Mateo',
  'Amelia',
  'Levi',
  'Harper',
  'Ethan',
  'Evelyn',
  'James',
  'Aria',
  'Hiro',
  'Priya',
  'Wei',
  'Fatima',
  'Kwame',
  'Sofia',
  'Diego',
  'Ingrid',
  'Tariq',
  'Yuki',
  'Chloe',
  'Aarav',
  'Zara',
  'Nikolai',
  'Leila',
  'Mateus',
  'Anika',
  'Tomás',
  'Freya',
  'Kofi',
  'Mei',
  'Rohan',
  'Elena',
  'Jonas',
  'Amara',
  'Ravi',
  'Nadia',
  'Felix',
  'Imani',
];
const LAST = [
  'Smith',
  'Johnson',
  'Nguyen',
  'Garcia',
  'Müller',
  'Tanaka',
  'Okafor',
  'Patel',
  'Kowalski',
  'Rossi',
  'Silva',
  'Kim',
  'Andersson',
  'Haddad',
  'Dubois',
  'Novak',
  'Ivanova',
  'Chen',
  'Singh',
  'Mensah',
  "O'Brien",
  'Larsen',
  'Fernández',
  'Schmidt',
  'Yamamoto',
  'Hughes',
  'Cohen',
  'Ahmed',
  'Walker',
  'Costa',
  'Moreau',
  'Bianchi',
];

export interface Department {
  name: string;
  slug: string;
  titles: string[];
  /** Which product groups people in this department usually hold. */
  jira: boolean;
  confluence: boolean;
  weight: number;
}

export const DEPARTMENTS: Department[] = [
  {
    name: 'Engineering',
    slug: 'engineering',
    titles: [
      'Software Engineer',
      'Senior Software Engineer',
      'Staff Engineer',
      'Engineering Manager',
      'QA Engineer',
    ],
    jira: true,
    confluence: true,
    weight: 28,
  },
  {
    name: 'Product',
    slug: 'product',
    titles: ['Product Manager', 'Senior Product Manager', 'Head of Product'],
    jira: true,
    confluence: true,
    weight: 10,
  },
  {
    name: 'Design',
    slug: 'design',
    titles: ['Product Designer', 'UX Researcher', 'Design Lead'],
    jira: true,
    confluence: true,
    weight: 6,
  },
  {
    name: 'Sales',
    slug: 'sales',
    titles: ['Account Executive', 'Sales Development Representative', 'Sales Manager'],
    jira: false,
    confluence: true,
    weight: 14,
  },
  {
    name: 'Marketing',
    slug: 'marketing',
    titles: ['Marketing Specialist', 'Content Strategist', 'Marketing Manager'],
    jira: false,
    confluence: true,
    weight: 9,
  },
  {
    name: 'Customer Support',
    slug: 'support',
    titles: ['Support Engineer', 'Support Team Lead', 'Customer Success Manager'],
    jira: true,
    confluence: true,
    weight: 14,
  },
  {
    name: 'Finance',
    slug: 'finance',
    titles: ['Accountant', 'Financial Analyst', 'Finance Manager'],
    jira: false,
    confluence: true,
    weight: 6,
  },
  {
    name: 'People',
    slug: 'people',
    titles: ['People Partner', 'Recruiter', 'Head of People'],
    jira: false,
    confluence: true,
    weight: 5,
  },
  {
    name: 'IT',
    slug: 'it',
    titles: ['IT Support Specialist', 'Systems Administrator', 'Security Engineer'],
    jira: true,
    confluence: true,
    weight: 8,
  },
];

const ZONES: Array<{ timezone: string; language: string; location: string }> = [
  { timezone: 'America/New_York', language: 'en-US', location: 'New York, NY' },
  { timezone: 'America/Los_Angeles', language: 'en-US', location: 'San Francisco, CA' },
  { timezone: 'America/Sao_Paulo', language: 'pt-BR', location: 'São Paulo' },
  { timezone: 'Europe/London', language: 'en-GB', location: 'London' },
  { timezone: 'Europe/Berlin', language: 'de-DE', location: 'Berlin' },
  { timezone: 'Europe/Paris', language: 'fr-FR', location: 'Paris' },
  { timezone: 'Asia/Tokyo', language: 'ja-JP', location: 'Tokyo' },
  { timezone: 'Asia/Kolkata', language: 'en-IN', location: 'Bengaluru' },
  { timezone: 'Australia/Sydney', language: 'en-AU', location: 'Sydney' },
];

export interface Person {
  givenName: string;
  familyName: string;
  displayName: string;
  /** Local part of the email, unique per index. */
  handle: string;
  department: Department;
  title: string;
  timezone: string;
  language: string;
  location: string;
  isManager: boolean;
  employeeNumber: string;
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function pickDepartment(prng: Prng): Department {
  const total = DEPARTMENTS.reduce((sum, d) => sum + d.weight, 0);
  let roll = prng.int(total);
  for (const department of DEPARTMENTS) {
    if (roll < department.weight) return department;
    roll -= department.weight;
  }
  return DEPARTMENTS[0] as Department;
}

/** Person number `index`: the index keeps handles unique even when names repeat. */
export function person(index: number, prng: Prng, department?: Department): Person {
  const givenName = prng.pick(FIRST);
  const familyName = prng.pick(LAST);
  const dept = department ?? pickDepartment(prng);
  const title = prng.pick(dept.titles);
  const zone = prng.pick(ZONES);
  return {
    givenName,
    familyName,
    displayName: `${givenName} ${familyName}`,
    handle: `${ascii(givenName)}.${ascii(familyName)}${index}`,
    department: dept,
    title,
    timezone: zone.timezone,
    language: zone.language,
    location: zone.location,
    isManager: /Manager|Lead|Head/.test(title),
    employeeNumber: `E${String(100000 + index)}`,
  };
}
