import {
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  authStateResponse,
  invitePreviewResponse,
  inviteTokenSchema,
  loggedOutResponse,
  loginBody,
  logoutBody,
  meResponse,
  signupBody,
} from '@seg/http-shapes';
import { DomainError } from '@seg/contracts';
import { APP_CONFIG } from '@seg/platform';
import type { Request, Response } from 'express';
import type { z } from 'zod';
import { hashKey } from '../auth/api-keys';
import type { SessionAuth } from '../auth/auth-context';
import { NoAuth, SessionAuth as SessionOnly } from '../auth/auth.decorators';
import { CurrentSession } from '../auth/current-workspace.decorator';
import type { GatewayConfig } from '../config';
import { ApiErrorResponses } from '../docs/error-responses';
import { clearSessionCookie, sessionTokenFrom, setSessionCookie } from '../sessions/session-cookie';
import { ZodBody } from '../validation/zod-body.decorator';
import { openApiSchema } from '../validation/zod-openapi';
import { GetInviteUseCase } from './usecases/get-invite/get-invite.usecase';
import { GetAuthStateUseCase } from './usecases/get-auth-state/get-auth-state.usecase';
import { GetMeUseCase } from './usecases/get-me/get-me.usecase';
import { LogInUseCase } from './usecases/log-in/log-in.usecase';
import { LogOutUseCase } from './usecases/log-out/log-out.usecase';
import { SignUpUseCase } from './usecases/sign-up/sign-up.usecase';

type Me = z.output<typeof meResponse>;

/** /v1/auth: the dashboard's accounts and sessions (the session cookie is set and cleared here). */
@ApiTags('auth')
@Controller('v1/auth')
export class AuthController {
  constructor(
    private readonly getState: GetAuthStateUseCase,
    private readonly signUp: SignUpUseCase,
    private readonly logIn: LogInUseCase,
    private readonly logOut: LogOutUseCase,
    private readonly getMe: GetMeUseCase,
    private readonly getInvite: GetInviteUseCase,
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get('state')
  @NoAuth()
  @ApiOperation({ summary: 'Whether the installation still needs its first account' })
  @ApiOkResponse({ schema: openApiSchema(authStateResponse, 'output') })
  state(): Promise<z.output<typeof authStateResponse>> {
    return this.getState.execute();
  }

  @Get('invites/:token')
  @NoAuth()
  @ApiOperation({ summary: 'What an invite link is for (email, role, workspace), while usable' })
  @ApiOkResponse({ schema: openApiSchema(invitePreviewResponse, 'output') })
  @ApiErrorResponses(404)
  invite(@Param('token') token: string): Promise<z.output<typeof invitePreviewResponse>> {
    if (!inviteTokenSchema.safeParse(token).success) {
      throw new DomainError('NOT_FOUND', 'This invite is unknown, used, revoked or expired');
    }
    return this.getInvite.execute({ token });
  }

  @Post('signup')
  @NoAuth()
  @ApiOperation({
    summary:
      'Create an account and sign in: the first account of the installation, or with an invite token',
  })
  @ApiCreatedResponse({ schema: openApiSchema(meResponse, 'output') })
  @ApiErrorResponses(403, 409)
  async signup(
    @ZodBody(signupBody) body: z.output<typeof signupBody>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Me> {
    const { token, me } = await this.signUp.execute(body);
    setSessionCookie(response, token, this.config.SESSION_ABSOLUTE_MS, this.config);
    return me;
  }

  @Post('login')
  @NoAuth()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with email and password (wrong passwords are rate limited)' })
  @ApiOkResponse({ schema: openApiSchema(meResponse, 'output') })
  @ApiErrorResponses(401, 429)
  async login(
    @ZodBody(loginBody) body: z.output<typeof loginBody>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Me> {
    const previous = sessionTokenFrom(request.headers.cookie);
    const { token, me } = await this.logIn.execute({
      ...body,
      address: request.ip ?? request.socket.remoteAddress ?? 'unknown',
      ...(previous !== undefined ? { previousSessionId: hashKey(previous) } : {}),
    });
    setSessionCookie(response, token, this.config.SESSION_ABSOLUTE_MS, this.config);
    return me;
  }

  @Post('logout')
  @SessionOnly('signed-in')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'End this session (server-side: the cookie stops working)' })
  @ApiOkResponse({ schema: openApiSchema(loggedOutResponse, 'output') })
  async logout(
    @CurrentSession() session: SessionAuth,
    @ZodBody(logoutBody) _body: z.output<typeof logoutBody>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<z.output<typeof loggedOutResponse>> {
    const answer = await this.logOut.execute({ sessionId: session.sessionId });
    clearSessionCookie(response, this.config);
    return answer;
  }

  @Get('me')
  @SessionOnly('signed-in')
  @ApiOperation({ summary: 'The account, its workspaces with its role in each, the CSRF token' })
  @ApiOkResponse({ schema: openApiSchema(meResponse, 'output') })
  me(@CurrentSession() session: SessionAuth): Promise<Me> {
    return this.getMe.execute({ accountId: session.accountId, csrfToken: session.csrfToken });
  }
}
