// Test-only (not exported): turns a database handle into a SegmentDataSource. The specs own
// the MongoDB driver import (the engine's non-spec code may not import it).
import type { Doc, Pipeline, SegmentDataSource } from '../plan/data-source';

interface AggregatingDb {
  collection(name: string): { aggregate(pipeline: Pipeline): AsyncIterable<Doc> };
}

let counter = 0;

/** A fresh database name per suite, as the conventions ask. */
export function freshDbName(prefix: string): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now()}_${counter}`;
}

export function sourceFor(db: AggregatingDb): SegmentDataSource {
  return {
    aggregateProfiles: (pipeline) => db.collection('profiles').aggregate(pipeline),
    aggregateEvents: (pipeline) => db.collection('events').aggregate(pipeline),
  };
}

export function mongoUri(): string {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set (the Jest globalSetup starts FerretDB)');
  return uri;
}
