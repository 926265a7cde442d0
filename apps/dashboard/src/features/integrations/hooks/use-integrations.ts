import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../../api/client';
import { segmentKeys } from '../../segments/segment-query-keys';
import { integrationKeys } from '../integration-query-keys';
import {
  type ConnectionBody,
  type IntegrationProvider,
  isActive,
  type Run,
  type SyncProvider,
} from '../providers';

/** How often a page with a queued or running sync asks again (live progress). */
export const RUN_POLL_MS = 1_000;
export const RUNS_SHOWN = 10;

/** `GET /v1/integrations`, asked again every second while a sync is queued or running. */
export function useConnections() {
  return useQuery({
    queryKey: integrationKeys.list(),
    queryFn: () => unwrap(api.GET('/v1/integrations')),
    refetchInterval: (query) =>
      query.state.data?.integrations.some((connection) => isActive(connection.lastRun?.status))
        ? RUN_POLL_MS
        : false,
  });
}

/** A provider's latest runs, newest first; polled while one is queued or running. */
export function useRuns(provider: IntegrationProvider, enabled: boolean) {
  return useQuery({
    queryKey: integrationKeys.runs(provider),
    enabled,
    queryFn: () =>
      unwrap(
        api.GET('/v1/integrations/{provider}/runs', {
          params: { path: { provider }, query: { limit: RUNS_SHOWN } },
        }),
      ),
    refetchInterval: (query) =>
      query.state.data?.some((run) => isActive(run.status)) ? RUN_POLL_MS : false,
  });
}

/**
 * When a run of this provider ends, the connections (their last run) and the builder's catalog
 * (new attributes, their last sync) are read again. Used once per provider (by its runs table).
 */
export function useRefreshWhenRunEnds(runs: readonly Run[] | undefined) {
  const queryClient = useQueryClient();
  const active = runs?.some((run) => isActive(run.status)) ?? false;
  const wasActive = useRef(active);
  useEffect(() => {
    if (wasActive.current && !active) {
      void queryClient.invalidateQueries({ queryKey: integrationKeys.list() });
      void queryClient.invalidateQueries({ queryKey: segmentKeys.filterCatalog() });
    }
    wasActive.current = active;
  }, [active, queryClient]);
}

/** Connect or change a connection (`PUT /v1/integrations/:provider`). */
export function useConnect(provider: IntegrationProvider) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConnectionBody) =>
      unwrap(api.PUT('/v1/integrations/{provider}', { params: { path: { provider } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}

/** Disconnect (synced attributes stay). */
export function useDisconnect(provider: IntegrationProvider) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/v1/integrations/{provider}', { params: { path: { provider } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}

/** Sync now: queues a run (or answers the one already queued or running). */
export function useSyncNow(provider: SyncProvider) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/v1/integrations/{provider}/sync', { params: { path: { provider } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}
