import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
} from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ResponseOf } from '@seg/contracts';
import {
  createSegmentDoc,
  deletedSegmentResponse,
  filterCountsDoc,
  filterCountsResponse,
  pageQuery,
  previewCountResponse,
  previewSegmentDoc,
  segmentBody,
  segmentCountResponse,
  segmentDeleteQuery,
  segmentExplainResponse,
  segmentForecastResponse,
  segmentHistoryResponse,
  segmentImpactDoc,
  segmentImpactResponse,
  segmentListResponse,
  segmentMembersResponse,
  segmentPreviewResponse,
  segmentResponse,
  segmentWrittenResponse,
  rulesCheckResponse,
  updateSegmentDoc,
  validateRulesDoc,
} from '@seg/http-shapes';
import { BusClient } from '@seg/platform';
import type { z } from 'zod';
import { SecretAuth, SessionRole } from '../auth/auth.decorators';
import type { AuthContext } from '../auth/auth-context';
import { Caller, CurrentWorkspace } from '../auth/current-workspace.decorator';
import { ApiErrorResponses } from '../docs/error-responses';
import { openApiSchema } from '../validation/zod-openapi';
import { ZodQuery } from '../validation/zod-query.decorator';
import { ZodValidationPipe } from '../validation/zod-validation.pipe';
import { InvalidatesTargeting } from '../experiences/targeting-answers';

const body = () => Body(new ZodValidationPipe(segmentBody, 'body'));
type Body = z.output<typeof segmentBody>;
type Page = z.output<typeof pageQuery>;

/** /v1/segments: each route is one request to the segments service. */
@ApiTags('segments')
@Controller('v1/segments')
@SecretAuth()
@SessionRole('viewer')
@InvalidatesTargeting()
@ApiErrorResponses(400, 503)
export class SegmentsController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @ApiOperation({ summary: 'Segments in creation order, each with usedBy (experience ids)' })
  @ApiOkResponse({ schema: openApiSchema(segmentListResponse, 'output') })
  list(
    @CurrentWorkspace() workspaceId: string,
    @ZodQuery(pageQuery) query: Page,
  ): Promise<ResponseOf<'segments.segment.list'>> {
    return this.bus.request('segments.segment.list', { workspaceId, ...query });
  }

  @Post()
  @SessionRole('editor')
  @ApiOperation({ summary: 'Create a segment (name unique per workspace, ignoring case)' })
  @ApiBody({ schema: openApiSchema(createSegmentDoc) })
  @ApiCreatedResponse({ schema: openApiSchema(segmentWrittenResponse, 'output') })
  @ApiErrorResponses(409, 413)
  create(
    @CurrentWorkspace() workspaceId: string,
    @Caller() caller: AuthContext,
    @body() input: Body,
  ): Promise<ResponseOf<'segments.segment.create'>> {
    return this.bus.request('segments.segment.create', {
      workspaceId,
      body: input,
      ...editedBy(caller),
    });
  }

  @Post('preview')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      '"Apply filters": count and first page of users for unsaved rules; within a time budget ' +
      '(exact: false gives an estimate, a 95% interval and a countId for the exact count)',
  })
  @ApiBody({ schema: openApiSchema(previewSegmentDoc) })
  @ApiOkResponse({ schema: openApiSchema(segmentPreviewResponse, 'output') })
  @ApiErrorResponses(413)
  preview(
    @CurrentWorkspace() workspaceId: string,
    @body() input: Body,
  ): Promise<ResponseOf<'segments.segment.preview'>> {
    return this.bus.request('segments.segment.preview', { workspaceId, body: input });
  }

  @Post('filter-counts')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      "The builder's per-filter counts of unsaved rules: for every condition and group (by " +
      'path) the users it matches on its own and the running total of its group, and the ' +
      "filter that empties the segment (emptiedBy); within the preview's time budget " +
      '(exact: false gives estimates from the share scanned)',
  })
  @ApiBody({ schema: openApiSchema(filterCountsDoc) })
  @ApiOkResponse({ schema: openApiSchema(filterCountsResponse, 'output') })
  @ApiErrorResponses(413)
  filterCounts(
    @CurrentWorkspace() workspaceId: string,
    @body() input: Body,
  ): Promise<ResponseOf<'segments.filters.count'>> {
    return this.bus.request('segments.filters.count', { workspaceId, body: input });
  }

  @Post('validate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      "The builder's live check of draft rules: the errors a save would answer with, and lint " +
      'warnings (contradictions, always true or false, duplicates, unseen values, …)',
  })
  @ApiBody({ schema: openApiSchema(validateRulesDoc) })
  @ApiOkResponse({ schema: openApiSchema(rulesCheckResponse, 'output') })
  @ApiErrorResponses(413)
  validate(
    @CurrentWorkspace() workspaceId: string,
    @body() input: Body,
  ): Promise<ResponseOf<'segments.rules.validate'>> {
    return this.bus.request('segments.rules.validate', { workspaceId, body: input });
  }

  // Before the `:id` routes: `counts/count` must not read as the count of segment "counts".
  @Get('counts/:countId')
  @ApiOperation({
    summary: "A preview's background count (its countId): status, share scanned, count, exact",
  })
  @ApiOkResponse({ schema: openApiSchema(previewCountResponse, 'output') })
  @ApiErrorResponses(404)
  previewCount(
    @CurrentWorkspace() workspaceId: string,
    @Param('countId') countId: string,
  ): Promise<ResponseOf<'segments.count.get'>> {
    return this.bus.request('segments.count.get', { workspaceId, countId });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One segment' })
  @ApiOkResponse({ schema: openApiSchema(segmentResponse, 'output') })
  @ApiErrorResponses(404)
  get(
    @CurrentWorkspace() workspaceId: string,
    @Param('id') segmentId: string,
  ): Promise<ResponseOf<'segments.segment.get'>> {
    return this.bus.request('segments.segment.get', { workspaceId, segmentId });
  }

  @Put(':id')
  @SessionRole('editor')
  @ApiOperation({ summary: 'Update name, description or rules: version + 1' })
  @ApiBody({ schema: openApiSchema(updateSegmentDoc) })
  @ApiOkResponse({ schema: openApiSchema(segmentWrittenResponse, 'output') })
  @ApiErrorResponses(404, 409, 413)
  update(
    @CurrentWorkspace() workspaceId: string,
    @Param('id') segmentId: string,
    @Caller() caller: AuthContext,
    @body() input: Body,
  ): Promise<ResponseOf<'segments.segment.update'>> {
    return this.bus.request('segments.segment.update', {
      workspaceId,
      segmentId,
      body: input,
      ...editedBy(caller),
    });
  }

  @Delete(':id')
  @SessionRole('editor')
  @ApiOperation({
    summary:
      'Delete; 409 with usedBy when in use. confirm=true detaches it from experiences (never ' +
      'from segments) and lists them; replaceWith=seg_… puts that segment in its place there ' +
      '(400 when it is unknown, the deleted one, or references it)',
  })
  @ApiOkResponse({ schema: openApiSchema(deletedSegmentResponse, 'output') })
  @ApiErrorResponses(400, 404, 409)
  remove(
    @CurrentWorkspace() workspaceId: string,
    @Param('id') segmentId: string,
    @ZodQuery(segmentDeleteQuery) query: z.output<typeof segmentDeleteQuery>,
  ): Promise<ResponseOf<'segments.segment.delete'>> {
    return this.bus.request('segments.segment.delete', {
      workspaceId,
      segmentId,
      confirm: query.confirm === 'true',
      ...(query.replaceWith ? { replaceWith: query.replaceWith } : {}),
    });
  }

  @Get(':id/users')
  @ApiOperation({ summary: 'Members, ordered by userId, paged by cursor' })
  @ApiOkResponse({ schema: openApiSchema(segmentMembersResponse, 'output') })
  @ApiErrorResponses(404)
  members(
    @CurrentWorkspace() workspaceId: string,
    @Param('id') segmentId: string,
    @ZodQuery(pageQuery) query: Page,
  ): Promise<ResponseOf<'segments.members.list'>> {
    return this.bus.request('segments.members.list', { workspaceId, segmentId, ...query });
  }

  @Get(':id/history')
  @ApiOperation({
    summary:
      'Size per day, edits (version, time, account when saved from the dashboard) and ' +
      'entered/exited changes (user, time, segment version), newest first, paged',
  })
  @ApiOkResponse({ schema: openApiSchema(segmentHistoryResponse, 'output') })
  @ApiErrorResponses(404)
  history(
    @CurrentWorkspace() workspaceId: string,
    @Param('id') segmentId: string,
    @ZodQuery(pageQuery) query: Page,
  ): Promise<ResponseOf<'segments.segment.history'>> {
    return this.bus.request('segments.segment.history', { workspaceId, segmentId, ...query });
  }

  @Get(':id/forecast')
  @ApiOperation({
    summary:
      'Members who leave and users who join by time alone (relative windows, no new data) in ' +
      'the next 24 hours and 7 days; exact, or an estimate when the users to evaluate exceed ' +
      'the time budget',
  })
  @ApiOkResponse({ schema: openApiSchema(segmentForecastResponse, 'output') })
  @ApiErrorResponses(404)
  forecast(
    @CurrentWorkspace() workspaceId: string,
    @Param('id') segmentId: string,
  ): Promise<ResponseOf<'segments.segment.forecast'>> {
    return this.bus.request('segments.segment.forecast', { workspaceId, segmentId });
  }

  @Post(':id/impact')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Edit impact before saving: for draft rules of this segment, the users who would join ' +
      'and leave (count and a sample) and each experience using it, its reach before → after; ' +
      'within the preview time budget (exact: false marks estimates). Saves nothing',
  })
  @ApiBody({ schema: openApiSchema(segmentImpactDoc) })
  @ApiOkResponse({ schema: openApiSchema(segmentImpactResponse, 'output') })
  @ApiErrorResponses(404, 413)
  impact(
    @CurrentWorkspace() workspaceId: string,
    @Param('id') segmentId: string,
    @body() input: Body,
  ): Promise<ResponseOf<'segments.segment.impact'>> {
    return this.bus.request('segments.segment.impact', { workspaceId, segmentId, body: input });
  }

  @Get(':id/count')
  @ApiOperation({
    summary:
      'Number of members, from the membership read model: status ready, or computing with ' +
      'progress (0–1) while a recomputation runs',
  })
  @ApiOkResponse({ schema: openApiSchema(segmentCountResponse, 'output') })
  @ApiErrorResponses(404)
  count(
    @CurrentWorkspace() workspaceId: string,
    @Param('id') segmentId: string,
  ): Promise<ResponseOf<'segments.members.count'>> {
    return this.bus.request('segments.members.count', { workspaceId, segmentId });
  }

  @Get(':id/users/:userId')
  @ApiOperation({ summary: 'Whether one user is a member, and why' })
  @ApiOkResponse({ schema: openApiSchema(segmentExplainResponse, 'output') })
  @ApiErrorResponses(404)
  explain(
    @CurrentWorkspace() workspaceId: string,
    @Param('id') segmentId: string,
    @Param('userId') userId: string,
  ): Promise<ResponseOf<'segments.member.explain'>> {
    return this.bus.request('segments.member.explain', { workspaceId, segmentId, userId });
  }
}

/** The dashboard account saving a segment, for its edit log (an API key names nobody). */
function editedBy(caller: AuthContext): { editedBy?: string } {
  return caller.kind === 'session' ? { editedBy: caller.accountId } : {};
}
