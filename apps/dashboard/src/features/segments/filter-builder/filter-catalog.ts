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
}
