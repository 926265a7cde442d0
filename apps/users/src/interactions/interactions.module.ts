import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProfileStoreModule } from '@seg/profile-store';
import { INTERACTION_RECEIPT_MODEL, interactionReceiptSchema } from './interaction-receipt.schema';
import { InteractionReceiptRepository } from './interaction-receipt.repository';
import { InteractionsHandler } from './interactions.handler';
import { INTERACTION_USE_CASES } from '../use-cases';

/** Applies `interaction.recorded` to profiles (interactions + the experiences summary). */
@Module({
  imports: [
    ProfileStoreModule,
    MongooseModule.forFeature([
      { name: INTERACTION_RECEIPT_MODEL, schema: interactionReceiptSchema },
    ]),
  ],
  controllers: [InteractionsHandler],
  providers: [InteractionReceiptRepository, ...INTERACTION_USE_CASES],
})
export class InteractionsModule {}
