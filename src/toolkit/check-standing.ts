import { ApiError } from '../errors/api-error.ts'
import { messages } from '../errors/messages.ts'
import type { BillingStatus, MockState, RateLimit } from '../mock-state.ts'

/** The server's message for each billing state (`apps/billing/models.py`). */
export const BILLING_MESSAGES: Record<BillingStatus, string> = {
  no_active_subscription: 'No active subscription.',
  hard_limit_reached: 'Hard limit reached.',
  free_limits_exceeded: 'Free limits exceeded.',
  overdue_invoices: 'Account blocked due to overdue invoices.',
}

/**
 * A rate limit of so many requests per instance and second, counting from
 * nothing.
 *
 * @example
 * state.switches.rateLimit = createRateLimit(60)
 */
export function createRateLimit(perSecond: number): RateLimit {
  return { perSecond, second: -1, counts: new Map() }
}

/**
 * The checks decision D4 switches on, in the server's order after the
 * permission classes: the owner's billing state (`OwnerInGoodStanding`, a
 * 403) then the instance rate limit (`InstanceRateThrottle`, a 429 with
 * `Retry-After: 1`). Throws the server's `ApiError`; does nothing while the
 * switches are off.
 *
 * @example
 * checkStanding(state, instance.name)
 */
export function checkStanding(
  state: MockState,
  instance: string,
  nowMillis: number = Date.now(),
): void {
  const { billing, rateLimit } = state.switches
  if (billing) throw ApiError.detail(403, BILLING_MESSAGES[billing])
  if (!rateLimit) return

  if (countRequest(rateLimit, instance, nowMillis) > rateLimit.perSecond) {
    throw ApiError.detail(429, messages.throttled, { 'retry-after': '1' })
  }
}

/**
 * Counts a request in its second, as `FastThrottleMixin` increments a Redis
 * key named after the second; a throttled request counts too.
 */
function countRequest(
  limit: RateLimit,
  instance: string,
  nowMillis: number,
): number {
  const second = Math.floor(nowMillis / 1000)
  if (second !== limit.second) {
    limit.second = second
    limit.counts.clear()
  }

  const count = (limit.counts.get(instance) ?? 0) + 1
  limit.counts.set(instance, count)
  return count
}
