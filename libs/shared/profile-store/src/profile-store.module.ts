import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import {
  ATTRIBUTE_CATALOG_MODEL,
  attributeCatalogSchema,
} from './catalog/attribute-catalog.schema';
import { AttributeCatalogRepository } from './catalog/attribute-catalog.repository';
import {
  ATTRIBUTE_COVERAGE_MODEL,
  attributeCoverageSchema,
} from './catalog/attribute-coverage.schema';
import {
  AttributeCoverageRepository,
  AttributeWriteRepository,
} from './catalog/attribute-freshness.repository';
import { ATTRIBUTE_WRITE_MODEL, attributeWriteSchema } from './catalog/attribute-write.schema';
import { EVENT_CATALOG_MODEL, eventCatalogSchema } from './catalog/event-catalog.schema';
import { EventCatalogRepository } from './catalog/event-catalog.repository';
import { REJECTED_VALUE_MODEL, rejectedValueSchema } from './catalog/rejected-value.schema';
import { RejectedValueRepository } from './catalog/rejected-value.repository';
import { EVENT_MODEL, eventSchema } from './events/event.schema';
import { EventRepository } from './events/event.repository';
import {
  INBOX_APPLIED_MODEL,
  INBOX_MODEL,
  INBOX_SWEEP_MODEL,
  inboxAppliedSchema,
  inboxSchema,
  inboxSweepSchema,
} from './inbox/inbox.schema';
import { InboxRepository } from './inbox/inbox.repository';
import { PROFILE_MODEL, profileSchema } from './profiles/profile.schema';
import { ProfileRepository } from './profiles/profile.repository';
import { SampleBucketBackfill } from './sampling/sample-bucket-backfill';

const repositories = [
  ProfileRepository,
  EventRepository,
  AttributeCatalogRepository,
  AttributeCoverageRepository,
  AttributeWriteRepository,
  EventCatalogRepository,
  RejectedValueRepository,
  InboxRepository,
  SampleBucketBackfill,
];

/**
 * The profile store's models (indexes declared with each schema, built at
 * start-up) and repositories. Needs the service's MongoModule connection.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: PROFILE_MODEL, schema: profileSchema },
      { name: EVENT_MODEL, schema: eventSchema },
      { name: ATTRIBUTE_CATALOG_MODEL, schema: attributeCatalogSchema },
      { name: ATTRIBUTE_COVERAGE_MODEL, schema: attributeCoverageSchema },
      { name: ATTRIBUTE_WRITE_MODEL, schema: attributeWriteSchema },
      { name: EVENT_CATALOG_MODEL, schema: eventCatalogSchema },
      { name: REJECTED_VALUE_MODEL, schema: rejectedValueSchema },
      { name: INBOX_MODEL, schema: inboxSchema },
      { name: INBOX_APPLIED_MODEL, schema: inboxAppliedSchema },
      { name: INBOX_SWEEP_MODEL, schema: inboxSweepSchema },
    ]),
  ],
  providers: repositories,
  exports: repositories,
})
export class ProfileStoreModule {}
