import type { Type } from '@nestjs/common';
import { DeleteConnectionUseCase } from './connections/usecases/delete-connection/delete-connection.usecase';
import { GetConnectionUseCase } from './connections/usecases/get-connection/get-connection.usecase';
import { ListConnectionsUseCase } from './connections/usecases/list-connections/list-connections.usecase';
import { PutConnectionUseCase } from './connections/usecases/put-connection/put-connection.usecase';
import { ListRunsUseCase } from './runs/usecases/list-runs/list-runs.usecase';
import { RequestSyncUseCase } from './runs/usecases/request-sync/request-sync.usecase';
import { ReceiveDeliveryUseCase } from './segment/usecases/receive-delivery/receive-delivery.usecase';
import { ApplyDeliveriesUseCase } from './segment/usecases/apply-deliveries/apply-deliveries.usecase';
import { RunSyncUseCase } from './sync/usecases/run-sync/run-sync.usecase';

/** The bus consumer's use cases (`AppModule`, `src/main.ts`). */
export const API_USE_CASES: Type[] = [
  DeleteConnectionUseCase,
  GetConnectionUseCase,
  ListConnectionsUseCase,
  PutConnectionUseCase,
  ListRunsUseCase,
  RequestSyncUseCase,
  ReceiveDeliveryUseCase,
];

/** The workers' use cases (`WorkerModule`, `src/worker.ts`). */
export const WORKER_USE_CASES: Type[] = [ApplyDeliveriesUseCase, RunSyncUseCase];
