import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
  type RouterHistory,
} from '@tanstack/react-router';
import { meQuery } from '../features/auth/auth-queries';
import { DashboardShell } from './app-shell';
import { NotFound, PageLoader, RouteError } from './route-states';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFound,
  errorComponent: RouteError,
});

// Each page is its own chunk: the first load only fetches the page it opens.
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { invite?: string } =>
    typeof search.invite === 'string' && search.invite !== '' ? { invite: search.invite } : {},
  component: lazyRouteComponent(() => import('../features/auth/routes/sign-in-page'), 'SignInPage'),
});

/** The gateway's invite links (`/signup?token=inv_…`) open Create account with the invite. */
const signupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/signup',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' && search.token !== '' ? { token: search.token } : {},
  beforeLoad: ({ search }) => {
    throw redirect({ to: '/sign-in', search: search.token ? { invite: search.token } : {} });
  },
});

/** Every page behind the session: without one (401), to Sign in / Create account. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (!me) throw redirect({ to: '/sign-in' });
  },
  component: DashboardShell,
  errorComponent: RouteError,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/users' });
  },
});

const usersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users',
  component: lazyRouteComponent(() => import('../features/users/routes/users-page'), 'UsersPage'),
});

const userRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/users/$userId',
  component: lazyRouteComponent(() => import('../features/users/routes/user-page'), 'UserPage'),
});

const segmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/segments',
  component: lazyRouteComponent(
    () => import('../features/segments/routes/segments-page'),
    'SegmentsPage',
  ),
});

const newSegmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/segments/new',
  component: lazyRouteComponent(
    () => import('../features/segments/routes/segment-editor-page'),
    'NewSegmentPage',
  ),
});

const editSegmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/segments/$segmentId',
  component: lazyRouteComponent(
    () => import('../features/segments/routes/segment-editor-page'),
    'EditSegmentPage',
  ),
});

const experiencesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/experiences',
  component: lazyRouteComponent(
    () => import('../features/experiences/routes/experiences-page'),
    'ExperiencesPage',
  ),
});
const newExperienceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/experiences/new',
  component: lazyRouteComponent(
    () => import('../features/experiences/routes/experience-editor-page'),
    'NewExperiencePage',
  ),
});
const editExperienceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/experiences/$experienceId',
  component: lazyRouteComponent(
    () => import('../features/experiences/routes/experience-editor-page'),
    'EditExperiencePage',
  ),
});
const playgroundRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/experiences/playground',
  component: lazyRouteComponent(
    () => import('../features/playground/routes/playground-page'),
    'PlaygroundPage',
  ),
});
const integrationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/integrations',
  component: lazyRouteComponent(
    () => import('../features/integrations/routes/integrations-page'),
    'IntegrationsPage',
  ),
});
const settingsPage = (name: 'WorkspaceSettingsPage' | 'ApiKeysSettingsPage' | 'TeamSettingsPage') =>
  lazyRouteComponent(() => import('../features/settings/routes/settings-pages'), name);
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: settingsPage('WorkspaceSettingsPage'),
});
const apiKeysRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/api-keys',
  component: settingsPage('ApiKeysSettingsPage'),
});
const teamRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/team',
  component: settingsPage('TeamSettingsPage'),
});

export const routeTree = rootRoute.addChildren([
  signInRoute,
  signupRoute,
  appRoute.addChildren([
    indexRoute,
    usersRoute,
    userRoute,
    segmentsRoute,
    newSegmentRoute,
    editSegmentRoute,
    experiencesRoute,
    newExperienceRoute,
    editExperienceRoute,
    playgroundRoute,
    integrationsRoute,
    settingsRoute,
    apiKeysRoute,
    teamRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient, history?: RouterHistory) {
  return createRouter({
    routeTree,
    context: { queryClient },
    history,
    defaultPreload: 'intent',
    // A page still loading after defaultPendingMs (1 s) shows a loader, never a blank page.
    defaultPendingComponent: () => <PageLoader label="Loading" />,
    // The query cache holds the data; the router only decides when to load.
    defaultPreloadStaleTime: 0,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
  interface HistoryState {
    /** Users → Save as segment: the filters the new segment starts from. */
    rules?: import('@seg/segment-engine').SegmentRules;
  }
}
