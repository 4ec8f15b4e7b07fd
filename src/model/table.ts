import { Collection } from '@msw/data'
import type { z } from 'zod'

type RecordShape = { id?: number }

/**
 * How a table finds records by something other than a scan. A unique index
 * maps one key to one record; a grouped index maps a key to every record that
 * has it, kept sorted by `order` (the record's `id` unless told otherwise).
 */
export interface IndexDefinition<R> {
  key: (record: R) => string | undefined
  unique?: boolean
  order?: (record: R) => number
}

type Indexes<R> = Record<string, IndexDefinition<R>>

/**
 * A `@msw/data` collection with indexes kept in step with it.
 *
 * Every write goes through the table, so an index can never disagree with
 * the collection. Updates change the stored record in place after the merged
 * record has passed the schema: `@msw/data` 1.1 finds the record to update
 * with a scan, which would make every write grow with the table.
 *
 * @example
 * const users = new Table(userRecordSchema, {
 *   byKey: { key: (user) => user.user_key, unique: true },
 * })
 * await users.insert({ instance: 'my-instance', id: 1, ... })
 * users.find('byKey', '…')
 */
export class Table<
  S extends z.ZodObject,
  R extends z.infer<S> & RecordShape = z.infer<S> & RecordShape,
> {
  #collection: Collection<S>
  readonly #schema: S
  readonly #definitions: Array<[string, IndexDefinition<R>]>
  readonly #unique = new Map<string, Map<string, R>>()
  readonly #grouped = new Map<string, Map<string, Array<R>>>()
  #mark: Mark<R> | null = null
  /** The indexes with their maps, in one list for the walk of each write. */
  #slots: Array<IndexSlot<R>> = []
  /** The hidden marks of a created record; `false` if they were not found. */
  #marks: RecordMarks | false | null = null

  constructor(schema: S, indexes: Indexes<R>) {
    this.#schema = schema
    this.#definitions = Object.entries(indexes)
    this.#collection = this.#newCollection()
    this.#resetIndexes()
  }

  /**
   * A collection that, before relations are defined on it, gives each
   * stored record the relation map of its own that `create` would have.
   */
  #newCollection(): Collection<S> {
    return new RelatableCollection(this.#schema, (records) => {
      if (this.#marks)
        for (const record of records) settleRelationMap(record, this.#marks)
    })
  }

  /**
   * The underlying `@msw/data` collection, for queries of your own. Write
   * through the table (or `mock.data`): a write through the collection,
   * whose `update` puts a new object in place of the record, leaves the
   * table's indexes pointing at the old one.
   */
  get collection(): Collection<S> {
    return this.#collection
  }

  /** Number of records. */
  count(): number {
    return this.#collection.count()
  }

  /** Every record, in insertion order. */
  all(): ReadonlyArray<R> {
    return this.#collection.all() as unknown as Array<R>
  }

  /** The record with this key in a unique index. */
  find(index: string, key: string): R | undefined {
    return this.#uniqueIndex(index).get(key)
  }

  /** The records with this key in a grouped index, in index order. */
  list(index: string, key: string): ReadonlyArray<R> {
    return this.#groupedIndex(index).get(key) ?? []
  }

  /** Validates and stores a new record. */
  async insert(values: z.input<S>): Promise<R> {
    const record =
      this.#marks && this.#collection.hooks.listenerCount('create') === 0
        ? this.#adopt(values, this.#marks)
        : await this.#create(values)

    flattenStrings(record)
    this.#index(record)
    return record
  }

  /** Creates the record through the collection, learning its marks. */
  async #create(values: z.input<S>): Promise<R> {
    const record = (await this.#collection.create(values)) as unknown as R
    this.#marks ??= recordMarksOf(record, this.#collection)
    return record
  }

  /**
   * Stores a record the way `Collection.create` does, without its costs.
   * `create` copies the values key by key to strip getters, validates them
   * and gives the record two hidden marks, a primary key and a relation map:
   * about 20 µs a record, most of the time it takes to seed 100,000 users.
   * Plain values need no stripping, so this validates them with the same
   * schema, gives the record marks of the same kind and appends it to the
   * collection's own list. Used only once `recordMarksOf` has found that
   * this collection works that way, and never while a `create` hook
   * listens, since hooks (and relations, which use them) see only
   * `create`.
   */
  #adopt(values: z.input<S>, marks: RecordMarks): R {
    const record = this.#schema.parse(values) as R

    // Two defineProperty calls cost half of one defineProperties here.
    Object.defineProperty(record, marks.primaryKey, { value: nextPrimaryKey() })
    Object.defineProperty(record, marks.relationMap, {
      get: relationMapOf,
      configurable: true,
    })
    ;(this.#collection.all() as unknown as Array<R>).push(record)
    return record
  }

  /** Validates the record with `changes` applied, then applies them. */
  update(record: R, changes: Partial<R>): R {
    const next = this.#schema.parse({ ...record, ...changes }) as R
    const moved = this.#movedIndexes(record, next)

    this.#unindex(record, moved)
    Object.assign(record, next)
    flattenStrings(record)
    this.#index(record, moved)
    return record
  }

  /**
   * The indexes where a record's next version has another key or order.
   * The others keep it where it is: taking a user out of its instance's
   * list and back in would move every record after it, a cost that grows
   * with the table.
   */
  #movedIndexes(record: R, next: R): Set<string> {
    const moved = new Set<string>()
    for (const [name, definition] of this.#definitions) {
      const order = definition.order ?? byId
      const rekeyed = definition.key(record) !== definition.key(next)
      const reordered = !definition.unique && order(record) !== order(next)
      if (rekeyed || reordered) moved.add(name)
    }
    return moved
  }

  /** Removes a record. */
  remove(record: R): void {
    this.#unindex(record)
    this.#collection.delete(record as never)
  }

  /** Removes every record, with a fresh collection rather than a delete each. */
  clear(): void {
    this.#collection = this.#newCollection()
    this.#resetIndexes()
  }

  /** Remembers the records as they are now, for `rewind()`. */
  mark(): void {
    const records = [...this.all()]
    this.#mark = { records, fields: records.map((record) => copyOf(record)) }
  }

  /**
   * Puts back the records of the last `mark()`: the same objects, in the
   * same order, with the same fields, and indexes them anew. Inserting them
   * again would validate each one, which costs about 20 µs a record.
   * Answers `false`, having changed nothing, without a mark or when the
   * collection does not take the records back; the caller then reloads.
   */
  rewind(): boolean {
    const mark = this.#mark
    if (!mark || !this.#restoreMembers(mark.records)) return false

    for (const [index, record] of mark.records.entries()) {
      restoreFields(record, mark.fields[index] as R)
    }
    this.#resetIndexes()
    for (const record of mark.records) this.#index(record)
    return true
  }

  /**
   * Sets the collection's records to `records`. `@msw/data` 1.1 answers
   * `all()` with its own list, so the records go back without being
   * created again; a collection that answers a copy is left as it was.
   */
  #restoreMembers(records: ReadonlyArray<R>): boolean {
    const live = this.#collection.all() as unknown as Array<R>
    const before = [...live]
    live.length = 0
    for (const record of records) live.push(record)

    const now = this.#collection.all() as unknown as Array<R>
    if (now.length === records.length && now.every((r, i) => r === records[i]))
      return true

    live.length = 0
    for (const record of before) live.push(record)
    return false
  }

  #resetIndexes(): void {
    this.#unique.clear()
    this.#grouped.clear()
    this.#slots = []

    for (const [name, definition] of this.#definitions) {
      const slot = { name, key: definition.key }
      if (definition.unique) {
        const unique = new Map<string, R>()
        this.#unique.set(name, unique)
        this.#slots.push({ ...slot, unique })
      } else {
        const grouped = new Map<string, Array<R>>()
        this.#grouped.set(name, grouped)
        this.#slots.push({
          ...slot,
          unique: null,
          grouped,
          order: definition.order ?? byId,
        })
      }
    }
  }

  #index(record: R, only?: ReadonlySet<string>): void {
    for (const slot of this.#slots) {
      if (only && !only.has(slot.name)) continue
      const key = slot.key(record)
      if (key === undefined) continue

      if (slot.unique) {
        slot.unique.set(key, record)
        continue
      }

      const { order, grouped: group } = slot
      const members = group.get(key)
      if (!members) {
        group.set(key, [record])
        continue
      }

      // Records mostly arrive in order: append without a search.
      const last = members[members.length - 1] as R
      if (order(last) <= order(record)) members.push(record)
      else members.splice(sortedIndex(members, order(record), order), 0, record)
    }
  }

  #unindex(record: R, only?: ReadonlySet<string>): void {
    for (const [name, definition] of this.#definitions) {
      if (only && !only.has(name)) continue
      const key = definition.key(record)
      if (key === undefined) continue

      if (definition.unique) {
        const index = this.#uniqueIndex(name)
        if (index.get(key) === record) index.delete(key)
        continue
      }

      this.#removeFromGroup(name, key, record, definition.order ?? byId)
    }
  }

  #removeFromGroup(
    name: string,
    key: string,
    record: R,
    order: (record: R) => number,
  ): void {
    const group = this.#groupedIndex(name)
    const members = group.get(key)
    if (!members) return

    const position = sortedIndex(members, order(record), order)
    const at = members[position] === record ? position : members.indexOf(record)
    if (at === -1) return

    members.splice(at, 1)
    if (members.length === 0) group.delete(key)
  }

  #uniqueIndex(name: string): Map<string, R> {
    const index = this.#unique.get(name)
    if (!index)
      throw new Error(`[syncano-mock] Unknown unique index "${name}".`)
    return index
  }

  #groupedIndex(name: string): Map<string, Array<R>> {
    const index = this.#grouped.get(name)
    if (!index) throw new Error(`[syncano-mock] Unknown index "${name}".`)
    return index
  }
}

/** How many records `#adopt` has stored, in every table of the process. */
let adopted = 0

/**
 * A primary key no other record has: a count, where `create` draws a UUID,
 * which costs over a microsecond. Records only compare these for identity.
 */
function nextPrimaryKey(): number {
  adopted += 1
  return adopted
}

/** The relation maps of stored records, made when first asked for. */
const relationMaps = new WeakMap<object, Map<unknown, unknown>>()

/**
 * A record's relation map, made on first use: only relations defined on
 * the collection ever read one, and an empty map for each of 200,000
 * seeded records would cost some 30 MB.
 */
function relationMapOf(this: object): Map<unknown, unknown> {
  let map = relationMaps.get(this)
  if (!map) relationMaps.set(this, (map = new Map()))
  return map
}

/**
 * Turns a stored record's relation map into a plain property, as `create`
 * defines it. `Collection.update` copies a record's symbols but not its
 * getters into what relations read, so once relations exist every record
 * needs the map itself.
 */
function settleRelationMap(record: object, marks: RecordMarks): void {
  const descriptor = Object.getOwnPropertyDescriptor(record, marks.relationMap)
  if (descriptor && !descriptor.configurable) return

  const map = descriptor?.get
    ? (descriptor.get.call(record) as unknown)
    : new Map()
  Object.defineProperty(record, marks.relationMap, { value: map })
}

/**
 * A `@msw/data` collection that calls `beforeRelations` with its records
 * before relations are defined on it.
 */
class RelatableCollection<S extends z.ZodObject> extends Collection<S> {
  readonly #beforeRelations: (records: ReadonlyArray<object>) => void

  constructor(
    schema: S,
    beforeRelations: (records: ReadonlyArray<object>) => void,
  ) {
    super({ schema })
    this.#beforeRelations = beforeRelations
  }

  override defineRelations(
    resolver: Parameters<Collection<S>['defineRelations']>[0],
  ): void {
    this.#beforeRelations(this.all() as ReadonlyArray<object>)
    super.defineRelations(resolver)
  }
}

/** The symbols `@msw/data` 1.x gives each record it creates. */
interface RecordMarks {
  primaryKey: symbol
  relationMap: symbol
}

/**
 * The marks of a record the collection has just created, or `false` when
 * they are not the two that `@msw/data` 1.x uses, or when `all()` is not
 * the collection's own list: another version of the library then keeps
 * every insert on `create`.
 */
function recordMarksOf(
  record: object,
  collection: { all(): ReadonlyArray<unknown> },
): RecordMarks | false {
  const symbols = Object.getOwnPropertySymbols(record)
  const primaryKey = symbols.find(
    (symbol) => symbol.description === 'kPrimaryKey',
  )
  const relationMap = symbols.find(
    (symbol) => symbol.description === 'kRelationMap',
  )
  const live = collection.all()

  if (
    symbols.length !== 2 ||
    !primaryKey ||
    !relationMap ||
    live !== collection.all() ||
    live[live.length - 1] !== record
  )
    return false
  return { primaryKey, relationMap }
}

/** One index as a write walks it: its key and its map. */
type IndexSlot<R> = { name: string; key: IndexDefinition<R>['key'] } & (
  | { unique: Map<string, R> }
  | {
      unique: null
      grouped: Map<string, Array<R>>
      order: (record: R) => number
    }
)

/** The records of a `mark()` and copies of their fields. */
interface Mark<R> {
  records: ReadonlyArray<R>
  fields: ReadonlyArray<R>
}

/**
 * A deep copy of a record's JSON values. Faster than `structuredClone`,
 * and it leaves out the collection's symbol keys.
 */
function copyOf<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item) => copyOf(item)) as T
  if (typeof value !== 'object' || value === null) return value

  const copy: Record<string, unknown> = {}
  for (const name of Object.keys(value)) {
    copy[name] = copyOf((value as Record<string, unknown>)[name])
  }
  return copy as T
}

/** Gives a record exactly the fields of `fields`, copied. */
function restoreFields<R>(record: R, fields: R): void {
  const target = record as Record<string, unknown>
  const source = fields as Record<string, unknown>

  for (const name of Object.keys(target)) {
    if (!(name in source)) delete target[name]
  }
  for (const name of Object.keys(source)) target[name] = copyOf(source[name])
}

/** Where `flattenStrings` leaves what it reads, so no compiler drops the read. */
let _flattened = 0

/**
 * V8 keeps a string built piece by piece (a faker value, a timestamp, the
 * collection's UUID) as a chain of its pieces until something reads it;
 * reading one character makes it flat and frees the chain. Without this, a
 * seeded user holds some forty chains, over a kilobyte.
 */
function flattenStrings(record: object): void {
  const fields = record as Record<string, unknown>
  for (const name in fields) {
    const value = fields[name]
    if (typeof value === 'string' && value !== '') {
      _flattened ^= value.charCodeAt(0)
    }
  }
}

function byId(record: RecordShape): number {
  return record.id ?? 0
}

/** The first position in `sorted` whose order is not below `value`. */
export function sortedIndex<T>(
  sorted: ReadonlyArray<T>,
  value: number,
  order: (item: T) => number,
): number {
  let low = 0
  let high = sorted.length

  while (low < high) {
    const middle = (low + high) >>> 1
    if (order(sorted[middle] as T) < value) low = middle + 1
    else high = middle
  }

  return low
}
