/** Cost-bucket size and restore rate per plan (NOTES §9; Standard is the one seen in every capture). */
export interface PlanLimits {
  displayName: string;
  maximumAvailable: number;
  restoreRate: number;
}

const plans: Record<string, PlanLimits> = {
  standard: { displayName: 'Basic', maximumAvailable: 2000, restoreRate: 100 },
  advanced: { displayName: 'Advanced', maximumAvailable: 4000, restoreRate: 200 },
  plus: { displayName: 'Shopify Plus', maximumAvailable: 20000, restoreRate: 1000 },
};

export const PLAN_NAMES = Object.keys(plans);

export function planLimits(plan: string): PlanLimits {
  return plans[plan] ?? (plans.standard as PlanLimits);
}
