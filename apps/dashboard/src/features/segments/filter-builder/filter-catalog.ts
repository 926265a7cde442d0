import type { EventCatalogItem, Experience, SegmentView } from '@seg/contracts';
import type { AttributeCatalogEntry } from '../../../api/paths';

/**
 * What the builder offers to pick from, shaped like the API's answers: `GET /v1/attributes`,
 * `GET /v1/events`, `GET /v1/experiences` and `GET /v1/segments`.
 */
export interface FilterCatalog {
  /** With each attribute's coverage, last write and source sync (see attribute-freshness.ts). */
  attributes: readonly AttributeCatalogEntry[];
  events: readonly EventCatalogItem[];
  experiences: readonly Pick<Experience, 'id' | 'name' | 'steps'>[];
  segments: readonly Pick<SegmentView, 'id' | 'name'>[];
}
