/**
 * The part of the official JavaScript client (`syncano@1.0.30`, CommonJS,
 * shipped without types) that the client tests use.
 *
 * `QuerySet.then` takes one callback and ignores a rejection handler, so
 * `await` on a query set never settles when the request fails: the tests
 * always go through `settle()` (`test/client/support/client.ts`).
 */
declare module 'syncano' {
  /** Properties a call resolves its URL from (`instanceName`, `id`, ...). */
  export type PathProperties = Record<string, unknown>

  /** A model: the response body merged with the path properties. */
  export interface Model {
    [field: string]: unknown
    save(): Promise<Model>
    delete(): Promise<unknown>
  }

  /** An array of models with the list's paging links. */
  export interface ResultSet<T = Model> extends Array<T> {
    next(): Promise<ResultSet<T>>
    prev(): Promise<ResultSet<T>>
    hasNext(): boolean
    hasPrev(): boolean
  }

  /** A lazy request; `request()` resolves `[result, rawBody]`. */
  export interface QuerySet<T = Model> {
    then<R>(callback: (result: T, raw: unknown) => R): Promise<R>
    request(): Promise<[T, unknown]>
    pageSize(size: number): QuerySet<T>
    ordering(order: 'asc' | 'desc'): QuerySet<T>
    raw(): QuerySet<unknown>
  }

  /** The pages `all()` fetches; `stop` carries every model. */
  export interface AllObjects {
    on(event: 'page', listener: (page: ResultSet) => void): void
    on(event: 'stop', listener: (models: Array<Model>) => void): void
    on(event: 'error', listener: (error: unknown) => void): void
  }

  export interface UserQuerySet {
    all(
      properties?: PathProperties,
      query?: object,
      start?: boolean,
      pages?: number,
    ): AllObjects
    create(properties: PathProperties): Promise<Model>
    get(properties: PathProperties): QuerySet
    update(properties: PathProperties, patch: object): QuerySet
    delete(properties: PathProperties): QuerySet
    list(properties?: PathProperties, query?: object): QuerySet<ResultSet>
    resetKey(properties: PathProperties): QuerySet
    login(properties: PathProperties, credentials: object): Promise<Model>
    socialLogin(properties: PathProperties, credentials: object): QuerySet
    addGroup(properties: PathProperties, group: object): Promise<Model>
    getGroups(properties: PathProperties): Promise<ResultSet>
    getGroup(properties: PathProperties): Promise<Model>
    deleteGroup(properties: PathProperties, group: object): Promise<unknown>
  }

  export interface GroupQuerySet {
    create(properties: PathProperties): Promise<Model>
    get(properties: PathProperties): QuerySet
    update(properties: PathProperties, patch: object): QuerySet
    delete(properties: PathProperties): QuerySet
    list(properties?: PathProperties, query?: object): QuerySet<ResultSet>
    addUser(properties: PathProperties, user: object): Promise<Model>
    users(properties: PathProperties): Promise<ResultSet>
    getUserDetails(properties: PathProperties, user: object): Promise<Model>
    deleteUser(properties: PathProperties, user: object): QuerySet
  }

  export interface DataObjectQuerySet {
    get(properties: PathProperties): QuerySet
    update(properties: PathProperties, patch: object): QuerySet
    list(properties?: PathProperties, query?: object): QuerySet<ResultSet>
  }

  export interface ModelFactory<Q> {
    (attributes?: object): Model
    please(): Q
  }

  export interface SyncanoOptions {
    baseUrl?: string
    accountKey?: string | null
    apiKey?: string | null
    userKey?: string | null
    socialToken?: string | null
    defaults?: PathProperties
  }

  export interface Connection {
    User: ModelFactory<UserQuerySet>
    Group: ModelFactory<GroupQuerySet>
    DataObject: ModelFactory<DataObjectQuerySet>
    getUserKey(): string | null
    setUserKey(key: string | null): void
  }

  export default function Syncano(options?: SyncanoOptions): Connection
}
