/**
 * What the scripted month (scripted-month.ts) must make every figure of docs/analytics.md, computed
 * BY HAND from the seeded prices (catalog.data.ts), CREDIT_USD $0.01, the tiers' markups and the
 * packages' prices — never by calling the code under test. Units: ¢ for payments, nano-dollars
 * (n$) for provider cost, micro-credits (µc) for credit. 1 µc at $0.01 a credit = 10 n$.
 * USD strings are rounded once to the micro-dollar, half away from zero.
 *
 * The calls (pro markup 5 %: charge = ⌈cost × 1.05 ÷ 10⌉ µc):
 *   today  A gpt-4o-mini ×2   1,000 in × 150 n$ + 200 out × 600 n$      = 270,000 n$ each → 28,350 µc each
 *   today  A gpt-4o           400 in × 2,500 n$ + 100 out × 10,000 n$    = 2,000,000 n$    → 210,000 µc
 *   today  A claude-3.5-haiku 301 in × 800 n$ + 50 out × 4,000 n$        = 440,800 n$      → 46,284 µc
 *   today  A haiku again      cache hit: 301 / 50 tokens, 0 n$, 0 µc
 *   today  D gpt-4o-mini BYOK 12 in × 150 + 3 out × 600                  = 3,600 n$ (own key), 0 µc
 *   yday   A gpt-4o-mini      2,000 in × 150 + 500 out × 600             = 600,000 n$      → 63,000 µc
 *   yday   A gpt-4o error     settle failed: 0 tokens                     = 1,250,000 n$    , 0 µc
 *   yday   D gpt-4o-mini BYOK 100 in × 150 + 20 out × 600                = 27,000 n$ (own key), 0 µc
 *
 * The payments (all today; fee = ⌊amount × 29 ÷ 1000⌋ + 30 ¢, set on the fake):
 *   A popular-pack 1,500 ¢ (1,500 credits + 375 bonus), fee 43 + 30 = 73 ¢
 *   C starter-pack   500 ¢ (500 credits), fee 14 + 30 = 44 ¢; refunded 200 ¢, then disputed (500 − 200 = 300 ¢)
 *   B starter subscription 900 ¢ (1,000 credits), fee 26 + 30 = 56 ¢
 *   B renewal              900 ¢ (1,000 credits), fee not reported yet (counts 0, paymentsWithoutFee 1)
 */

/** The summary's scalar figures over [yesterday, tomorrow): the whole scenario. */
export const WHOLE = {
  testMode: false, // sk_test_ key against the fake: Stripe mode, not the test checkout
  grossRevenueUsd: '38.000000', // 1,500 + 500 + 900 + 900 = 3,800 ¢
  packagesRevenueUsd: '20.000000', // 1,500 + 500
  subscriptionsRevenueUsd: '18.000000', // 900 + 900
  autoRechargeRevenueUsd: '0.000000',
  refundsUsd: '5.000000', // 200 refunded + (500 − 200) disputed = 500 ¢
  disputesUsd: '3.000000', // 300 ¢
  stripeFeesUsd: '1.730000', // 73 + 44 + 56 (+ 0 for the renewal) = 173 ¢
  paymentsWithoutFee: 1, // the renewal
  netRevenueUsd: '31.270000', // 3,800 − 500 − 173 = 3,127 ¢
  providerCostUsd: '0.004831', // 2 × 270,000 + 2,000,000 + 440,800 + 600,000 + 1,250,000 = 4,830,800 n$ → 4,830.8 µ$
  byokCostUsd: '0.000031', // 3,600 + 27,000 = 30,600 n$ → 30.6 µ$
  grossProfitUsd: '31.265169', // 31,270,000,000 − 4,830,800 = 31,265,169,200 n$
  marginPercent: '99.98', // 31,265,169,200 × 100 ÷ 31,270,000,000 = 99.9845…
  creditsSold: '4000.000000', // 1,500 + 500 + 1,000 + 1,000 (bonus and rollover excluded)
  creditsGranted: '420.000000', // 4 sign-ups × 10 + the 375 bonus + D's 5 expiring admin credits
  creditsConsumed: '0.375984', // 2 × 28,350 + 210,000 + 46,284 + 63,000 µc
  creditsExpired: '1005.000000', // B's first allocation, all unused, expired at the renewal; D's 5 admin credits by the sweep
  creditsClawedBack: '500.000000', // C: 500 × 200 ÷ 500 = 200 for the refund, then the other 300 for the dispute
  // A 10 − 0.312984 + 1,500 + 375; B 10 + 500 rollover + 1,000; C 10; D 10 (yesterday's charge was metered only)
  outstandingCredits: '3414.687016',
  outstandingPaidCredits: '3000.000000', // A 1,500 + B 500 rollover + 1,000 allocation
  outstandingPromotionalCredits: '414.687016', // A 9.687016 + 375 bonus; B, C, D 10 each
  // A 1,500 credits at 1,500 ¢ ÷ 1,500 = $15; B (500 + 1,000) at 900 ¢ ÷ 1,000 credits = $13.50
  outstandingLiabilityUsd: '28.500000',
  mrrUsd: '9.000000', // B on starter
  activeSubscriptions: 1,
};

/** [today, tomorrow): a range starting at today's midnight holds today's events and not yesterday's. */
export const TODAY = {
  ...WHOLE,
  providerCostUsd: '0.002981', // 540,000 + 2,000,000 + 440,800 = 2,980,800 n$
  byokCostUsd: '0.000004', // 3,600 n$ → 3.6 µ$
  grossProfitUsd: '31.267019', // 31,270,000,000 − 2,980,800 = 31,267,019,200 n$
  marginPercent: '99.99', // 31,267,019,200 × 100 ÷ 31,270,000,000 = 99.9904…
  creditsConsumed: '0.312984', // 56,700 + 210,000 + 46,284
};

/** [yesterday, today): a range ending at today's midnight holds none of today's events. */
export const YESTERDAY = {
  testMode: false,
  grossRevenueUsd: '0.000000',
  packagesRevenueUsd: '0.000000',
  subscriptionsRevenueUsd: '0.000000',
  autoRechargeRevenueUsd: '0.000000',
  refundsUsd: '0.000000',
  disputesUsd: '0.000000',
  stripeFeesUsd: '0.000000',
  paymentsWithoutFee: 0,
  netRevenueUsd: '0.000000',
  providerCostUsd: '0.001850', // 600,000 + 1,250,000 n$
  byokCostUsd: '0.000027', // 27,000 n$
  grossProfitUsd: '-0.001850',
  marginPercent: null, // no revenue
  creditsSold: '0.000000',
  creditsGranted: '0.000000',
  creditsConsumed: '0.063000',
  creditsExpired: '0.000000',
  creditsClawedBack: '0.000000',
  // The database was made today: at yesterday's end nobody was owed anything.
  outstandingCredits: '0.000000',
  outstandingPaidCredits: '0.000000',
  outstandingPromotionalCredits: '0.000000',
  outstandingLiabilityUsd: '0.000000',
};

const ZERO_DAY = { grossRevenueUsd: '0.000000', refundsUsd: '0.000000', stripeFeesUsd: '0.000000', netRevenueUsd: '0.000000' };

/** byDay of the whole range, oldest first. MRR of a past day depends on when it was closed (docs): not asserted for yesterday. */
export const BY_DAY = (days: { yesterday: string; today: string }) => [
  {
    day: days.yesterday,
    ...ZERO_DAY,
    providerCostUsd: '0.001850',
    grossProfitUsd: '-0.001850',
    creditsSold: '0.000000',
    creditsConsumed: '0.063000',
    outstandingCredits: '0.000000',
    outstandingPaidCredits: '0.000000',
    outstandingLiabilityUsd: '0.000000',
  },
  {
    day: days.today,
    grossRevenueUsd: '38.000000',
    refundsUsd: '5.000000',
    stripeFeesUsd: '1.730000',
    netRevenueUsd: '31.270000',
    providerCostUsd: '0.002981',
    grossProfitUsd: '31.267019',
    creditsSold: '4000.000000',
    creditsConsumed: '0.312984',
    outstandingCredits: '3414.687016',
    outstandingPaidCredits: '3000.000000',
    outstandingLiabilityUsd: '28.500000',
    mrrUsd: '9.000000',
    activeSubscriptions: 1,
  },
];

/**
 * byModel over the whole range, largest provider cost first. `requests` is the rollup's: answered
 * calls (cache hits and BYOK included, failures not); usageRevenueUsd = µc × 10 n$.
 */
export const BY_MODEL = [
  {
    modelId: 'openai/gpt-4o',
    provider: 'openai',
    requests: 1,
    cachedRequests: 0,
    errorRequests: 1,
    byokRequests: 0,
    inputTokens: 400,
    outputTokens: 100,
    creditsConsumed: '0.210000',
    usageRevenueUsd: '0.002100', // 210,000 µc → 2,100,000 n$
    providerCostUsd: '0.003250', // 2,000,000 + 1,250,000 (the failed call)
    byokCostUsd: '0.000000',
    grossProfitUsd: '-0.001150', // 2,100,000 − 3,250,000
    marginPercent: '-54.76', // −1,150,000 × 100 ÷ 2,100,000 = −54.761…
  },
  {
    modelId: 'openai/gpt-4o-mini',
    provider: 'openai',
    requests: 5,
    cachedRequests: 0,
    errorRequests: 0,
    byokRequests: 2,
    inputTokens: 4112, // 2 × 1,000 + 12 + 2,000 + 100
    outputTokens: 923, // 2 × 200 + 3 + 500 + 20
    creditsConsumed: '0.119700', // 56,700 + 63,000
    usageRevenueUsd: '0.001197', // 1,197,000 n$
    providerCostUsd: '0.001140', // 540,000 + 600,000
    byokCostUsd: '0.000031', // 30,600 n$
    grossProfitUsd: '0.000057', // 1,197,000 − 1,140,000 = 57,000 n$
    marginPercent: '4.76', // 57,000 × 100 ÷ 1,197,000 = 4.761…
  },
  {
    modelId: 'anthropic/claude-3.5-haiku',
    provider: 'anthropic',
    requests: 2,
    cachedRequests: 1,
    errorRequests: 0,
    byokRequests: 0,
    inputTokens: 602,
    outputTokens: 100, // the call and its cache hit
    creditsConsumed: '0.046284',
    usageRevenueUsd: '0.000463', // 462,840 n$
    providerCostUsd: '0.000441', // 440,800 n$ (the hit cost nothing)
    byokCostUsd: '0.000000',
    grossProfitUsd: '0.000022', // 462,840 − 440,800 = 22,040 n$
    marginPercent: '4.76', // 22,040 × 100 ÷ 462,840 = 4.761…
  },
];

export const BY_PROVIDER = [
  {
    provider: 'openai',
    requests: 6,
    cachedRequests: 0,
    errorRequests: 1,
    byokRequests: 2,
    inputTokens: 4512,
    outputTokens: 1023,
    creditsConsumed: '0.329700',
    usageRevenueUsd: '0.003297',
    providerCostUsd: '0.004390',
    byokCostUsd: '0.000031',
    grossProfitUsd: '-0.001093', // 3,297,000 − 4,390,000 n$
    marginPercent: '-33.15', // −1,093,000 × 100 ÷ 3,297,000 = −33.151…
  },
  {
    provider: 'anthropic',
    requests: 2,
    cachedRequests: 1,
    errorRequests: 0,
    byokRequests: 0,
    inputTokens: 602,
    outputTokens: 100,
    creditsConsumed: '0.046284',
    usageRevenueUsd: '0.000463',
    providerCostUsd: '0.000441',
    byokCostUsd: '0.000000',
    grossProfitUsd: '0.000022',
    marginPercent: '4.76',
  },
];

/** adminProviderReconciliation over the whole range (list price × stored tokens; the seeded prices never changed). */
export const RECONCILIATION = (days: { yesterday: string; today: string }) => [
  // yesterday: list = 600,000 + 27,000 (BYOK) + 0 (the failure stored no tokens); metered 600,000 + 1,250,000
  {
    day: days.yesterday,
    provider: 'openai',
    inputTokens: 2100,
    outputTokens: 520,
    listCostUsd: '0.000627',
    cachedUsd: '0.000000',
    byokUsd: '0.000027',
    expectedCostUsd: '0.000600',
    errorCostUsd: '0.001250',
    meteredCostUsd: '0.001850',
    differenceUsd: '0.001250',
    unexplainedUsd: '0.000000',
  },
  // today: list = 540,000 + 2,000,000 + 3,600 (BYOK) = 2,543,600 n$
  {
    day: days.today,
    provider: 'openai',
    inputTokens: 2412,
    outputTokens: 503,
    listCostUsd: '0.002544',
    cachedUsd: '0.000000',
    byokUsd: '0.000004',
    expectedCostUsd: '0.002540',
    errorCostUsd: '0.000000',
    meteredCostUsd: '0.002540',
    differenceUsd: '0.000000',
    unexplainedUsd: '0.000000',
  },
  // today: list = 2 × 440,800 (the cache hit's tokens too), of which the hit 440,800
  {
    day: days.today,
    provider: 'anthropic',
    inputTokens: 602,
    outputTokens: 100,
    listCostUsd: '0.000882',
    cachedUsd: '0.000441',
    byokUsd: '0.000000',
    expectedCostUsd: '0.000441',
    errorCostUsd: '0.000000',
    meteredCostUsd: '0.000441',
    differenceUsd: '0.000000',
    unexplainedUsd: '0.000000',
  },
];

/**
 * byTier over the whole range (each user in the tier they are on now: A and D pro, B starter, C free).
 * pro's usage is every call (only A and D made any): 3,759,840 n$ of credit spent at CREDIT_USD.
 */
export const BY_TIER = {
  pro: {
    tierCode: 'pro',
    users: 2,
    requests: 8,
    cachedRequests: 1,
    errorRequests: 1,
    byokRequests: 2,
    inputTokens: 5114,
    outputTokens: 1123,
    creditsConsumed: '0.375984',
    usageRevenueUsd: '0.003760',
    providerCostUsd: '0.004831',
    byokCostUsd: '0.000031',
    grossProfitUsd: '-0.001071', // 3,759,840 − 4,830,800 = −1,070,960 n$
    marginPercent: '-28.48', // −1,070,960 × 100 ÷ 3,759,840 = −28.484…
    grossRevenueUsd: '15.000000',
    netRevenueUsd: '14.270000', // A: 1,500 − 73 ¢
    activeSubscriptions: 0,
    mrrUsd: '0.000000',
  },
  starter: {
    tierCode: 'starter',
    users: 1,
    requests: 0,
    creditsConsumed: '0.000000',
    providerCostUsd: '0.000000',
    marginPercent: null,
    grossRevenueUsd: '18.000000',
    netRevenueUsd: '17.440000', // B: 900 + 900 − 56 ¢
    activeSubscriptions: 1,
    mrrUsd: '9.000000',
  },
  free: { tierCode: 'free', grossRevenueUsd: '5.000000', netRevenueUsd: '-0.440000' }, // C: 500 − 500 − 44 ¢
};

/** Per-user economics over the whole range; balances, burn and runway now. */
export const BY_USER = {
  buyer: {
    grossRevenueUsd: '15.000000',
    netRevenueUsd: '14.270000',
    providerCostUsd: '0.004831', // all of the provider cost is A's: 4,830,800 n$
    grossProfitUsd: '14.265169', // 14,270,000,000 − 4,830,800 n$
    marginPercent: '99.97', // 14,265,169,200 × 100 ÷ 14,270,000,000 = 99.966…
    creditsConsumed: '0.375984',
    balance: '1884.687016',
    available: '1884.687016',
    burnPerDay7d: '0.053712', // 375,984 µc ÷ 7 = 53,712 exactly
    burnPerDay30d: '0.012532', // 375,984 ÷ 30 = 12,532.8 → 12,532 (down)
    runwayDays: '35088.7', // 1,884,687,016 ÷ 53,712 = 35,088.75… → down to 1 digit
  },
  subscriber: {
    grossRevenueUsd: '18.000000',
    netRevenueUsd: '17.440000',
    providerCostUsd: '0.000000',
    grossProfitUsd: '17.440000',
    marginPercent: '100.00',
    creditsConsumed: '0.000000',
    balance: '1510.000000',
    burnPerDay7d: '0.000000',
    runwayDays: null,
  },
  disputer: {
    grossRevenueUsd: '5.000000',
    netRevenueUsd: '-0.440000',
    providerCostUsd: '0.000000',
    grossProfitUsd: '-0.440000',
    marginPercent: '100.00', // −440,000 × 100 ÷ −440,000: the formula, even on a loss-making payment
    balance: '10.000000',
    runwayDays: null,
  },
  byok: {
    grossRevenueUsd: '0.000000',
    providerCostUsd: '0.000000',
    marginPercent: null, // BYOK cost is not ours
    creditsConsumed: '0.000000',
    balance: '10.000000',
    runwayDays: null,
  },
};
