/** A workflow version's blast-radius gate: the share and the number of an app's SaaS users a run may change without an approval. */
export interface Limits {
  maxPercent: number;
  maxCount: number;
}

/** DESIGN §4: a run may not delete or deactivate more than 10% of an app's SaaS users, nor more than 50, without an approval. */
export const DEFAULT_LIMITS: Limits = { maxPercent: 10, maxCount: 50 };
