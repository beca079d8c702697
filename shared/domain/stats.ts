// How a report states a set of durations (issue #9): median, 90th percentile, mean and count side
// by side, and a distribution in fixed buckets. One definition for the coordinator's reports, the
// CSV and the owner's pages.

export interface Summary {
  /** The middle value; with an even count, the mean of the two middle ones. Null with no values. */
  median: number | null;
  /** Nearest rank: the smallest value that at least 90% of the values do not exceed. */
  p90: number | null;
  mean: number | null;
  count: number;
}

/** Summarises values (seconds, in a report). */
export function summarize(values: readonly number[]): Summary {
  const count = values.length;
  if (!count) return { median: null, p90: null, mean: null, count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = count >> 1;
  const median = count % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const p90 = sorted[Math.ceil(0.9 * count) - 1]!;
  const mean = sorted.reduce((sum, v) => sum + v, 0) / count;
  return { median, p90, mean, count };
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** The distribution's buckets, in seconds: each holds values from its lower bound, below the next one's. */
export const BUCKETS = [
  { key: 'under_5m', from: 0 },
  { key: '5m_15m', from: 5 * MINUTE },
  { key: '15m_1h', from: 15 * MINUTE },
  { key: '1h_4h', from: HOUR },
  { key: '4h_24h', from: 4 * HOUR },
  { key: 'over_1d', from: 24 * HOUR },
] as const;
export type BucketKey = (typeof BUCKETS)[number]['key'];

/** How many values fall in each bucket (exactly 5 minutes goes to "5-15"). */
export function buckets(values: readonly number[]): Record<BucketKey, number> {
  const out = Object.fromEntries(BUCKETS.map((b) => [b.key, 0])) as Record<BucketKey, number>;
  for (const value of values) {
    let key: BucketKey = BUCKETS[0].key;
    for (const bucket of BUCKETS) if (value >= bucket.from) key = bucket.key;
    out[key]++;
  }
  return out;
}
