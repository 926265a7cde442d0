import {
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { DashboardShell } from './app-shell';

const rootRoute = createRootRoute({ component: DashboardShell });

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/segments' });
  },
});

// Each page is its own chunk: the first load only fetches the page it opens.
const segmentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/segments',
  component: lazyRouteComponent(
    () => import('../features/segments/routes/segments-page'),
    'SegmentsPage',
  ),
});

const newSegmentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/segments/new',
  component: lazyRouteComponent(
    () => import('../features/segments/routes/new-segment-page'),
    'NewSegmentPage',
  ),
});

export const router = createRouter({
  routeTree: rootRoute.addChildren([indexRoute, segmentsRoute, newSegmentRoute]),
  defaultPreload: 'intent',
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
