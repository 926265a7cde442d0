import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

/**
 * "Load sample data" (`POST /v1/workspaces/current/sample-data`): the gateway loads it into
 * the empty workspace and answers once users, attributes, experiences and segments are in;
 * then every cached list of the workspace is stale (users, segments, experiences, catalog).
 */
export function useLoadSampleData() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/workspaces/current/sample-data')),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}
