import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ProfileStoreModule } from '@seg/profile-store';
import { ApplyInteractionUseCase } from './usecases/apply-interaction/apply-interaction.usecase';
import { INTERACTION_RECEIPT_MODEL, interactionReceiptSchema } from './interaction-receipt.schema';
import { InteractionReceiptRepository } from './interaction-receipt.repository';
import { InteractionsHandler } from './interactions.handler';

/** Applies `interaction.recorded` to profiles (interactions + the experiences summary). */
@Module({
  imports: [
    ProfileStoreModule,
    MongooseModule.forFeature([
      { name: INTERACTION_RECEIPT_MODEL, schema: interactionReceiptSchema },
    ]),
  ],
  controllers: [InteractionsHandler],
  providers: [InteractionReceiptRepository, ApplyInteractionUseCase],
})
export class InteractionsModule {}
