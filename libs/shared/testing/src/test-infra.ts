import type { BaseConfig } from '@seg/platform';
import { MongoClient } from 'mongodb';

export async function dropDatabase(config: BaseConfig): Promise<void> {
  const client = new MongoClient(config.MONGODB_URI);
  try {
    await client.connect();
    await client.db(config.MONGODB_DB).dropDatabase();
  } finally {
    await client.close();
  }
}
