import type { SyncRecord } from '@seg/contracts';

/**
 * The sample dataset offered to an empty workspace ("Load sample data"): a small B2B SaaS,
 * "Northwind Analytics", with 40 users over the last 30 days. Deterministic (a seeded
 * generator): every workspace gets the same people and the same story, at times relative to
 * the moment of loading. Pure data: the loader (load-sample-data.usecase.ts) sends it through
 * the public paths a customer's own app and tools would take.
 */

export const SAMPLE_USER_COUNT = 40;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** A message the customer's app sends with the SDK (identify / track / page), at `at`. */
export type SdkCall =
  | { kind: 'identify'; at: number; userId: string; traits: Record<string, SampleValue> }
  | { kind: 'track'; at: number; userId: string; event: string; properties: SampleProperties }
  | { kind: 'page'; at: number; userId: string; name: string; properties: SampleProperties };

/** A Segment.io message (identify traits → `segment` attributes, track → `segment` events). */
export type SegmentCall =
  | { type: 'identify'; at: number; userId: string; traits: Record<string, SampleValue> }
  | { type: 'track'; at: number; userId: string; event: string; properties: SampleProperties };

type SampleValue = string | number | boolean | string[];
type SampleProperties = Record<string, string | number | boolean>;

export interface SampleUser {
  userId: string;
  name: string;
  email: string;
  plan: 'free' | 'pro' | 'enterprise';
  role: 'admin' | 'analyst' | 'viewer';
  company: string;
  companySize: number;
  /** 0 (dormant) … 1 (every day). */
  engagement: number;
  signedUpDaysAgo: number;
}

export interface SampleDataset {
  users: SampleUser[];
  /** Chronological (the SDK stamps each call when it is made: the loader replays them in order). */
  sdk: SdkCall[];
  segment: SegmentCall[];
  hubspot: {
    types: Record<string, 'string' | 'number' | 'date' | 'boolean'>;
    records: SyncRecord[];
  };
  customerio: {
    types: Record<string, 'string' | 'number' | 'date' | 'boolean'>;
    records: SyncRecord[];
  };
}

/** mulberry32: small, seeded, good enough for a story. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const FIRST_NAMES = [
  'Ada',
  'Grace',
  'Alan',
  'Linus',
  'Margaret',
  'Ken',
  'Barbara',
  'Dennis',
  'Frances',
  'Tim',
  'Radia',
  'Donald',
  'Hedy',
  'Edsger',
  'Katherine',
  'John',
  'Sophie',
  'Guido',
  'Annie',
  'Bjarne',
];
const LAST_NAMES = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Torvalds',
  'Hamilton',
  'Thompson',
  'Liskov',
  'Ritchie',
  'Allen',
  'Berners-Lee',
  'Perlman',
  'Knuth',
  'Lamarr',
  'Dijkstra',
  'Johnson',
  'McCarthy',
  'Wilson',
  'van Rossum',
  'Easley',
  'Stroustrup',
];
const COMPANIES: Array<{ name: string; domain: string; size: number; industry: string }> = [
  { name: 'Acme Corp', domain: 'acme.example', size: 1200, industry: 'Manufacturing' },
  { name: 'Globex', domain: 'globex.example', size: 340, industry: 'Energy' },
  { name: 'Initech', domain: 'initech.example', size: 85, industry: 'Software' },
  { name: 'Umbrella Health', domain: 'umbrella.example', size: 2600, industry: 'Healthcare' },
  { name: 'Hooli', domain: 'hooli.example', size: 9000, industry: 'Software' },
  { name: 'Pied Piper', domain: 'piedpiper.example', size: 14, industry: 'Software' },
  { name: 'Stark Retail', domain: 'stark.example', size: 450, industry: 'Retail' },
  { name: 'Wayne Logistics', domain: 'wayne.example', size: 780, industry: 'Logistics' },
];
const PAGES = ['Dashboard', 'Reports', 'Report Builder', 'Settings', 'Billing', 'Team'];
const FEATURES = ['Funnels', 'Retention', 'Cohorts', 'Dashboards'];
const LIFECYCLE = ['subscriber', 'lead', 'marketingqualifiedlead', 'opportunity', 'customer'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** The dataset as of `now` (ms since the epoch): every time lies in the 30 days before it. */
export function sampleDataset(now: number): SampleDataset {
  const random = generator(20261201);
  const users: SampleUser[] = [];
  for (let index = 0; index < SAMPLE_USER_COUNT; index += 1) {
    const first = FIRST_NAMES[index % FIRST_NAMES.length] as string;
    // A second round of first names meets other last names: no two users share a name or an email.
    const last = LAST_NAMES[
      (index * 7 + 3 + Math.floor(index / FIRST_NAMES.length)) % LAST_NAMES.length
    ] as string;
    const company = COMPANIES[index % COMPANIES.length] as (typeof COMPANIES)[number];
    const plan = index % 5 === 0 ? 'enterprise' : index % 3 === 0 ? 'free' : 'pro';
    users.push({
      userId: `sample-user-${String(index + 1).padStart(3, '0')}`,
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase().replace(/[^a-z]/g, '')}@${company.domain}`,
      plan,
      role: index % 4 === 0 ? 'admin' : index % 4 === 1 ? 'viewer' : 'analyst',
      company: company.name,
      companySize: company.size,
      // A few dormant users (no activity in the last week), most active, some very.
      engagement: index % 7 === 6 ? 0 : 0.25 + random() * 0.75,
      signedUpDaysAgo: 3 + Math.floor(random() * 27),
    });
  }

  const sdk: SdkCall[] = [];
  const segment: SegmentCall[] = [];
  for (const user of users) {
    const signedUpAt =
      now - user.signedUpDaysAgo * DAY_MS - Math.floor(random() * 8) * 60 * MINUTE_MS;
    sdk.push({
      kind: 'identify',
      at: signedUpAt,
      userId: user.userId,
      traits: {
        name: user.name,
        email: user.email,
        plan: user.plan,
        role: user.role,
        company: user.company,
        seats: user.plan === 'enterprise' ? 50 : user.plan === 'pro' ? 10 : 1,
        beta_features: FEATURES.filter(
          (_, n) => (user.userId.length + n) % 3 !== 0 && random() < 0.5,
        ),
        onboarded: user.engagement > 0.4,
      },
    });
    sdk.push({
      kind: 'track',
      at: signedUpAt + MINUTE_MS,
      userId: user.userId,
      event: 'Signed Up',
      properties: { plan: user.plan },
    });
    segment.push({
      type: 'identify',
      at: signedUpAt + 2 * MINUTE_MS,
      userId: user.userId,
      traits: {
        industry: COMPANIES.find((c) => c.name === user.company)?.industry ?? 'Software',
        company_size: user.companySize,
        utm_source: pick(random, ['google', 'newsletter', 'linkedin', 'referral']),
      },
    });
    // Active days: dormant users stop a week before now.
    const lastDay = user.engagement === 0 ? 8 + Math.floor(random() * 5) : 0;
    for (let daysAgo = user.signedUpDaysAgo - 1; daysAgo >= lastDay; daysAgo -= 1) {
      if (user.engagement !== 0 && random() > user.engagement) continue;
      if (user.engagement === 0 && random() > 0.3) continue;
      const start = now - daysAgo * DAY_MS - (9 + Math.floor(random() * 8)) * 60 * MINUTE_MS;
      if (start >= now) continue;
      sdk.push({
        kind: 'page',
        at: start,
        userId: user.userId,
        name: 'Dashboard',
        properties: { path: '/dashboard' },
      });
      sdk.push({
        kind: 'page',
        at: start + 3 * MINUTE_MS,
        userId: user.userId,
        name: pick(random, PAGES),
        properties: {},
      });
      if (random() < 0.5) {
        sdk.push({
          kind: 'track',
          at: start + 5 * MINUTE_MS,
          userId: user.userId,
          event: 'Report Created',
          properties: { chart: pick(random, ['line', 'bar', 'funnel', 'table']) },
        });
      }
      if (random() < 0.4) {
        sdk.push({
          kind: 'track',
          at: start + 7 * MINUTE_MS,
          userId: user.userId,
          event: 'Report Exported',
          properties: { format: pick(random, ['csv', 'pdf', 'png']) },
        });
      }
      if (user.role === 'admin' && random() < 0.15) {
        sdk.push({
          kind: 'track',
          at: start + 9 * MINUTE_MS,
          userId: user.userId,
          event: 'Invited Teammate',
          properties: { role: pick(random, ['analyst', 'viewer']) },
        });
      }
      if (random() < 0.2) {
        segment.push({
          type: 'track',
          at: start + 11 * MINUTE_MS,
          userId: user.userId,
          event: 'Email Opened',
          properties: { campaign: pick(random, ['weekly-digest', 'product-update', 'webinar']) },
        });
      }
    }
    if (user.plan !== 'free') {
      segment.push({
        type: 'track',
        at: signedUpAt + DAY_MS,
        userId: user.userId,
        event: 'Order Completed',
        properties: { revenue: user.plan === 'enterprise' ? 1_200 : 99, currency: 'USD' },
      });
    }
  }
  sdk.sort((a, b) => a.at - b.at);
  segment.sort((a, b) => a.at - b.at);

  // HubSpot knows most of them by email (the CRM), Customer.io by our user id (messaging).
  const hubspotRecords: SyncRecord[] = users
    .filter((_, index) => index % 6 !== 5)
    .map((user, index) => ({
      externalId: `hs-${1000 + index}`,
      email: user.email,
      attributes: {
        lifecyclestage: user.plan === 'free' ? pick(random, LIFECYCLE.slice(0, 4)) : 'customer',
        hs_lead_status: pick(random, ['NEW', 'OPEN', 'IN_PROGRESS', 'CONNECTED']),
        num_employees: user.companySize,
        annualrevenue: user.companySize * 120_000,
        closedate: new Date(now - (user.signedUpDaysAgo - 1) * DAY_MS).toISOString(),
      },
    }));
  const customerioRecords: SyncRecord[] = users
    .filter((_, index) => index % 5 !== 4)
    .map((user) => ({
      externalId: `cio-${user.userId}`,
      userId: user.userId,
      email: user.email,
      attributes: {
        newsletter_opt_in: random() < 0.6,
        emails_opened_30d: Math.floor(random() * 12),
        preferred_channel: pick(random, ['email', 'push', 'in-app']),
        last_email_opened_at: new Date(now - Math.floor(random() * 14 + 1) * DAY_MS).toISOString(),
      },
    }));

  return {
    users,
    sdk,
    segment,
    hubspot: {
      types: {
        lifecyclestage: 'string',
        hs_lead_status: 'string',
        num_employees: 'number',
        annualrevenue: 'number',
        closedate: 'date',
      },
      records: hubspotRecords,
    },
    customerio: {
      types: {
        newsletter_opt_in: 'boolean',
        emails_opened_30d: 'number',
        preferred_channel: 'string',
        last_email_opened_at: 'date',
      },
      records: customerioRecords,
    },
  };
}

/** The sample's experiences, created through the experiences service's create (as `POST /v1/experiences`). */
export const SAMPLE_EXPERIENCES = {
  tour: {
    name: 'Welcome tour',
    type: 'tour' as const,
    steps: [
      {
        id: 'welcome',
        kind: 'message' as const,
        text: 'Welcome! This short tour shows you around in three steps.',
      },
      {
        id: 'first-report',
        kind: 'message' as const,
        text: 'Create your first report: pick a chart, then a metric.',
      },
      {
        id: 'invite-team',
        kind: 'message' as const,
        text: 'Reports are better together: invite a teammate.',
      },
    ],
  },
  survey: {
    name: 'How useful are reports?',
    type: 'survey' as const,
    steps: [
      {
        id: 'usefulness',
        kind: 'question' as const,
        question: 'How useful are reports to your team?',
        options: ['Very useful', 'Somewhat useful', 'Not useful'],
      },
    ],
  },
  announcement: {
    name: 'Scheduled exports are here',
    type: 'announcement' as const,
    steps: [
      {
        id: 'news',
        kind: 'message' as const,
        text: 'Scheduled exports are here: get any report by email every Monday.',
      },
    ],
  },
};

/** Who saw, completed and answered what (by user index), replayed over the last days. */
export function sampleInteractions(
  users: readonly SampleUser[],
  now: number,
): Array<{
  at: number;
  userId: string;
  experience: keyof typeof SAMPLE_EXPERIENCES;
  type: 'seen' | 'stepCompleted' | 'answered';
  stepId?: string;
  answer?: string;
}> {
  const random = generator(7);
  const out: ReturnType<typeof sampleInteractions> = [];
  users.forEach((user, index) => {
    if (user.engagement === 0) return;
    const at =
      now - (1 + Math.floor(random() * 5)) * DAY_MS - Math.floor(random() * 600) * MINUTE_MS;
    out.push({ at, userId: user.userId, experience: 'tour', type: 'seen' });
    const steps = SAMPLE_EXPERIENCES.tour.steps;
    const reached = index % 3 === 0 ? 1 : steps.length; // a third stop after the first step
    for (let step = 0; step < reached; step += 1) {
      out.push({
        at: at + (step + 1) * MINUTE_MS,
        userId: user.userId,
        experience: 'tour',
        type: 'stepCompleted',
        stepId: steps[step]?.id as string,
      });
    }
    if (user.plan !== 'free' && index % 2 === 0) {
      out.push({ at: at + DAY_MS / 2, userId: user.userId, experience: 'survey', type: 'seen' });
      out.push({
        at: at + DAY_MS / 2 + MINUTE_MS,
        userId: user.userId,
        experience: 'survey',
        type: 'answered',
        stepId: 'usefulness',
        answer: pick(random, ['Very useful', 'Very useful', 'Somewhat useful', 'Not useful']),
      });
    }
  });
  return out.filter((entry) => entry.at < now).sort((a, b) => a.at - b.at);
}
