import { Controller } from '@nestjs/common';
import type { ParsedRequestOf } from '@seg/contracts';
import { HandleRequest } from '@seg/platform';
import { DeleteConnectionUseCase } from './connections/usecases/delete-connection/delete-connection.usecase';
import { GetConnectionUseCase } from './connections/usecases/get-connection/get-connection.usecase';
import { ListConnectionsUseCase } from './connections/usecases/list-connections/list-connections.usecase';
import { PutConnectionUseCase } from './connections/usecases/put-connection/put-connection.usecase';
import { ListRunsUseCase } from './runs/usecases/list-runs/list-runs.usecase';
import { RequestSyncUseCase } from './runs/usecases/request-sync/request-sync.usecase';
import { ReceiveDeliveryUseCase } from './segment/usecases/receive-delivery/receive-delivery.usecase';

/** The integrations requests of the bus: each one a command for one use case. */
@Controller()
export class IntegrationsHandler {
  constructor(
    private readonly putConnection: PutConnectionUseCase,
    private readonly listConnections: ListConnectionsUseCase,
    private readonly getConnection: GetConnectionUseCase,
    private readonly deleteConnection: DeleteConnectionUseCase,
    private readonly requestSync: RequestSyncUseCase,
    private readonly listRuns: ListRunsUseCase,
    private readonly receiveDelivery: ReceiveDeliveryUseCase,
  ) {}

  @HandleRequest('integrations.connection.put')
  put(request: ParsedRequestOf<'integrations.connection.put'>) {
    return this.putConnection.execute(request);
  }

  @HandleRequest('integrations.connection.list')
  async list(request: ParsedRequestOf<'integrations.connection.list'>) {
    return { integrations: await this.listConnections.execute(request) };
  }

  @HandleRequest('integrations.connection.get')
  get(request: ParsedRequestOf<'integrations.connection.get'>) {
    return this.getConnection.execute(request);
  }

  @HandleRequest('integrations.connection.delete')
  remove(request: ParsedRequestOf<'integrations.connection.delete'>) {
    return this.deleteConnection.execute(request);
  }

  @HandleRequest('integrations.sync.request')
  sync(request: ParsedRequestOf<'integrations.sync.request'>) {
    return this.requestSync.execute({ ...request, trigger: 'manual' });
  }

  @HandleRequest('integrations.run.list')
  async runs(request: ParsedRequestOf<'integrations.run.list'>) {
    return { runs: await this.listRuns.execute(request) };
  }

  @HandleRequest('integrations.segment.deliver')
  deliver(request: ParsedRequestOf<'integrations.segment.deliver'>) {
    return this.receiveDelivery.execute(request);
  }
}
