import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { authKeys } from '../features/auth/auth-queries';

/**
 * The app's query cache: a 4xx is an answer (no retry), a fault or a lost connection is
 * retried twice. A 401 on any call means the session is gone: `onUnauthorized` leads to Sign in.
 */
export function createAppQueryClient(onUnauthorized: () => void = () => undefined): QueryClient {
  const unauthorized = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) {
      queryClient.setQueryData(authKeys.me(), null);
      onUnauthorized();
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: unauthorized }),
    mutationCache: new MutationCache({ onError: unauthorized }),
    defaultOptions: {
      queries: {
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
        staleTime: 10_000,
      },
    },
  });
  return queryClient;
}
