import type { Dialect } from '../glossary.ts'

/**
 * Every message the mocked server writes, exactly as the real one does. The
 * few that differ between the documentation page and the open-sourced server
 * take the dialect.
 */
export const messages = {
  permissionDenied: 'You do not have permission to perform this action.',
  noSuchApiKey: 'No such API Key.',
  instanceNotFound: 'Instance was not found.',
  instanceVersionMismatch:
    'Instance version mismatch. Not compatible with used API version.',
  userNotFound: 'User was not found.',
  groupNotFound: 'Group was not found.',
  invalidUsername: 'Invalid username.',
  invalidPassword: 'Invalid password.',
  notAcceptable: 'Could not satisfy the request Accept header.',
  incorrectPage: 'Incorrect page parameter provided.',
  throttled: 'Request was throttled. Expected available in 1 second.',
  membershipExists: 'User is already a part of that group.',
  groupCountExceeded: "User's group count exceeded (32).",
  unsupportedBackend: 'Unsupported social backend.',
  invalidToken: 'Invalid authorization token.',
  missingEmail: 'Invalid social scope, missing email.',
  cannotCreateUser: 'You do not have permission to create new user.',
  required: 'This field is required.',
  blank: 'This field may not be blank.',
  null: 'This field may not be null.',
  notAString: 'Not a valid string.',
  unique: 'This field must be unique.',
  noData: 'No data provided',
  objectTooBig: 'Object maximum size exceeded.',
  invalidGroup: 'Invalid group specified.',
  startWithLetter: 'Value has to start with a letter.',
  endWithLetterOrNumber: 'Value has to end with a letter or a number.',
  invalidSlug:
    'Enter a valid value consisting of letters, numbers, underscores, hyphens.',
  notFound: (dialect: Dialect) =>
    dialect === 'docs' ? 'Not found' : 'Not found.',
  methodNotAllowed: (method: string) => `Method "${method}" not allowed.`,
  unsupportedMediaType: (mediaType: string) =>
    `Unsupported media type "${mediaType}" in request.`,
  expectedDictionary: (type: string) =>
    `Invalid data. Expected a dictionary, but got ${type}.`,
  maxLength: (max: number) =>
    `Ensure this field has no more than ${max} characters.`,
  djangoMaxLength: (max: number, length: number) =>
    `Ensure this value has at most ${max} characters (it has ${length}).`,
  invalidChoice: (value: string) => `"${value}" is not a valid choice.`,
  invalidPk: (value: string) =>
    `Invalid pk "${value}" - object does not exist.`,
  incorrectPkType: (type: string) =>
    `Incorrect type. Expected pk value, received ${type}.`,
  noSuchName: (value: string) => `Object with name=${value} does not exist.`,
  validInteger: 'A valid integer is required.',
  maxValue: (max: number) =>
    `Ensure this value is less than or equal to ${max}.`,
  minValue: (min: number) =>
    `Ensure this value is greater than or equal to ${min}.`,
  validNumber: 'A valid number is required.',
  stringTooLarge: 'String value too large.',
  invalidBoolean: 'Not a valid boolean.',
  datetimeFormat:
    'Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm:ss.uuuuuuZ.',
  cannotChangeObjectOwner: 'Cannot change owner of Data Object.',
  cannotChangeProfileOwner: 'Cannot change owner of User Profile object.',
  revisionMismatch: (expected: number, current: number) =>
    `Revision mismatch. Expected ${expected}, got ${current}.`,
  orderByIncorrect: 'Incorrect order_by parameter provided.',
  orderByNotAllowed: 'Cannot use specified order_by field.',
  orderByNotIndexed:
    'Cannot use specified order_by field. Set required index on schema first.',
} as const
