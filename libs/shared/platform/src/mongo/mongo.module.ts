import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import type { BaseConfig } from '../config/load-config';

/** The service's MongoDB connection (MongoDB 7 in production, FerretDB here). */
@Module({})
export class MongoModule {
  static forRoot(config: BaseConfig): DynamicModule {
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRoot(config.MONGODB_URI, {
          dbName: config.MONGODB_DB,
          serverSelectionTimeoutMS: 5_000,
          // Indexes are declared next to each schema and built at start-up.
          autoIndex: true,
        }),
      ],
    };
  }
}
