import type { ViewName } from '../http/routes.ts'
import type { View } from '../http/view.ts'
import { account, login } from './account-views.ts'
import { groupDetail, groupList } from './group-views.ts'
import {
  groupUserDetail,
  groupUserList,
  userGroupDetail,
  userGroupList,
} from './membership-views.ts'
import { profileDetail, profileList } from './profile-views.ts'
import { socialLogin } from './social-login-view.ts'
import { userDetail, userList, userResetKey } from './user-views.ts'

/** Every view of the users area, by the name its URL pattern matches. */
export const views: Record<ViewName, View> = {
  userList,
  userDetail,
  userResetKey,
  groupList,
  groupDetail,
  userGroupList,
  userGroupDetail,
  groupUserList,
  groupUserDetail,
  account,
  login,
  socialLogin,
  profileList,
  profileDetail,
} as Record<ViewName, View>
