import type {
  AttributeCatalogItem,
  EventCatalogItem,
  Experience,
  SegmentView,
} from '@seg/contracts';

/**
 * What the builder offers to pick from, shaped like the API's answers: `GET /v1/attributes`,
 * `GET /v1/events`, `GET /v1/experiences` and `GET /v1/segments`.
 */
export interface FilterCatalog {
  attributes: readonly AttributeCatalogItem[];
  events: readonly EventCatalogItem[];
  experiences: readonly Pick<Experience, 'id' | 'name' | 'steps'>[];
  segments: readonly Pick<SegmentView, 'id' | 'name'>[];
  /**
   * When each synced source last finished a successful sync (`GET /v1/integrations` and its
   * runs): the catalog has no time per attribute, so an attribute of a synced source shows its
   * provider's last successful run. Absent for sources never synced (and the SDK).
   */
  syncedAt?: Partial<Record<'hubspot' | 'customerio', string>>;
}
