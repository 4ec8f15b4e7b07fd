import type { ViewName } from '../http/routes.ts'
import type { View } from '../http/view.ts'
import { account, login } from './account-views.ts'
import { userDetail, userList, userResetKey } from './user-views.ts'

/** Every view of the users area, by the name its URL pattern matches. */
export const views: Record<ViewName, View> = {
  userList,
  userDetail,
  userResetKey,
  account,
  login,
} as Record<ViewName, View>
