import type { SegmentRules } from '@seg/segment-engine';
import type { operations, paths as GeneratedPaths } from './generated/api-schema';

/**
 * The paths the client is typed by: the generated ones (the gateway's OpenAPI document), with
 * two hand-written additions that follow shared/spec/api.md. Each goes once the gateway's
 * document has it, and the generated file then types it:
 *
 * - `limit` / `cursor` (and `confirm` of a delete), and the path parameters validated by zod
 *   pipes (`/v1/users/{userId}`): the gateway checks them with pipes that its document does
 *   not describe yet (`query?: never`, `path?: never` there); the path parameters are derived
 *   from the path's `{names}` below;
 * - "Accounts and sessions" (`/v1/auth/*`) and the background count of a preview
 *   (`/v1/segments/counts/{countId}`): being added to the gateway on other branches.
 */
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

type WithQuery<Operation, Query> = Omit<Operation, 'parameters'> & {
  parameters: Omit<Operation extends { parameters: infer P } ? P : never, 'query'> & {
    query?: Query;
  };
};

type Patched<Path, Method extends string, Query> = Omit<Path, Method> & {
  [M in Method]: WithQuery<Path extends Record<M, infer Op> ? Op : never, Query>;
};

// ---- Accounts and sessions (api.md) ----

export type Role = 'admin' | 'editor' | 'viewer';

export interface AccountView {
  id: string;
  email: string;
  name: string;
}

export interface AccountWorkspace {
  id: string;
  name: string;
  role: Role;
}

/** `GET /v1/auth/me`: the account, its workspaces with its role in each, the CSRF token. */
export interface MeResponse {
  account: AccountView;
  workspaces: AccountWorkspace[];
  csrfToken: string;
}

export interface AuthStateResponse {
  setupNeeded: boolean;
}

export interface SignupBody {
  email: string;
  password: string;
  name: string;
  token?: string;
}

export interface LoginBody {
  email: string;
  password: string;
}

/** The error body of every failed call (api.md "Errors"). */
export interface ErrorBody {
  error: string;
  message: string;
  details?: { path: string; message: string }[];
}

interface JsonOperation<Body, Answer, Status extends number = 200> {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  requestBody: Body extends never ? never : { content: { 'application/json': Body } };
  responses: {
    [S in Status]: { headers: Record<string, unknown>; content: { 'application/json': Answer } };
  } & {
    default: { headers: Record<string, unknown>; content: { 'application/json': ErrorBody } };
  };
}

type NoBody = { parameters: JsonOperation<never, never>['parameters']; requestBody?: never };
type NoBodyOperation<Answer> = NoBody & Omit<JsonOperation<never, Answer>, 'requestBody'>;

interface Unused {
  get?: never;
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
}

export interface PreviewCountResponse {
  status: 'running' | 'done' | 'failed';
  /** The share of users evaluated so far, 0–1. */
  scanned: number;
  count: number;
  exact: boolean;
}

interface HandWrittenPaths {
  '/v1/auth/state': Omit<Unused, 'get'> & { get: NoBodyOperation<AuthStateResponse> };
  '/v1/auth/me': Omit<Unused, 'get'> & { get: NoBodyOperation<MeResponse> };
  '/v1/auth/signup': Omit<Unused, 'post'> & {
    post: JsonOperation<SignupBody, MeResponse, 201>;
  };
  '/v1/auth/login': Omit<Unused, 'post'> & {
    post: JsonOperation<LoginBody, MeResponse>;
  };
  '/v1/auth/logout': Omit<Unused, 'post'> & { post: NoBodyOperation<unknown> };
  '/v1/segments/counts/{countId}': Omit<Unused, 'get' | 'parameters'> & {
    parameters: { query?: never; header?: never; path: { countId: string }; cookie?: never };
    get: Omit<NoBodyOperation<PreviewCountResponse>, 'parameters'> & {
      parameters: { query?: never; header?: never; path: { countId: string }; cookie?: never };
    };
  };
}

type Paged<P extends keyof GeneratedPaths> = Patched<GeneratedPaths[P], 'get', PageQuery>;

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
type PathParamNames<K> = K extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never;
type WithPathParams<Operation, K> = [PathParamNames<K>] extends [never]
  ? Operation
  : Operation extends { parameters: infer P }
    ? Omit<Operation, 'parameters'> & {
        parameters: Omit<P, 'path'> & { path: Record<PathParamNames<K>, string> };
      }
    : Operation;
/** Every operation of a path with `{name}` in it takes `params.path.name`. */
type WithAllPathParams<Paths> = {
  [K in keyof Paths]: {
    [M in keyof Paths[K]]: M extends HttpMethod ? WithPathParams<Paths[K][M], K> : Paths[K][M];
  };
};

export type ApiPaths = WithAllPathParams<
  Omit<
    GeneratedPaths,
    | '/v1/users'
    | '/v1/segments'
    | '/v1/segments/{id}'
    | '/v1/segments/{id}/users'
    | '/v1/experiences'
  > & {
    '/v1/users': Paged<'/v1/users'>;
    '/v1/segments': Paged<'/v1/segments'>;
    '/v1/segments/{id}/users': Paged<'/v1/segments/{id}/users'>;
    '/v1/experiences': Paged<'/v1/experiences'>;
    '/v1/segments/{id}': Patched<
      GeneratedPaths['/v1/segments/{id}'],
      'delete',
      { confirm?: 'true' }
    >;
  }
> &
  HandWrittenPaths;

/**
 * The rules as the request bodies' documentation types them (`conditions`: objects); the
 * segment engine's `SegmentRules` is the precise type of the same JSON.
 */
export type RulesBody = NonNullable<
  operations['SegmentsController_create']['requestBody']
>['content']['application/json']['rules'];
export const rulesBody = (rules: SegmentRules): RulesBody => rules as unknown as RulesBody;

type Json<Op, Status extends number = 200> = Op extends {
  responses: Record<Status, { content: { 'application/json': infer A } }>;
}
  ? A
  : never;

// The answers the pages use, named once.
export type SegmentListResponse = Json<operations['SegmentsController_list']>;
export type SegmentListItem = SegmentListResponse['segments'][number];
export type SegmentResponse = Json<operations['SegmentsController_get']>;
export type SegmentForecast = Json<operations['SegmentsController_forecast']>;
export type SegmentImpact = Json<operations['SegmentsController_impact']>;
export type SegmentHistory = Json<operations['SegmentsController_history']>;
type RulesCheckResponse = Json<operations['SegmentsController_validate']>;
export type LintWarning = RulesCheckResponse['warnings'][number];
export type PreviewResponse = Json<operations['SegmentsController_preview']> & {
  /** Added by the preview-at-any-size work (api.md); absent means exact. */
  exact?: boolean;
  scanned?: number;
  interval?: [number, number];
  countId?: string;
};
/** `POST /v1/segments/filter-counts`: per filter and group of draft rules (by path). */
export type FilterCountsResponse = Json<operations['SegmentsController_filterCounts']>;
export type UserListResponse = Json<operations['UsersController_list']>;
export type UserProfile = Json<operations['UsersController_get']>;
export type AttributeCatalogEntry = Json<operations['CatalogController_attributes']>[number];
export type ExperienceResponse = Json<operations['ExperiencesController_get']>;
export type AudienceOverlap = Json<operations['AudienceOverlapController_overlap']>;
