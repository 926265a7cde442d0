import { Injectable } from '@nestjs/common';
import type { authStateResponse } from '@seg/http-shapes';
import type { z } from 'zod';
import { AccountRepository } from '../../account.repository';

/** Whether the installation still needs its first account (the dashboard's Create account). */
@Injectable()
export class GetAuthStateUseCase {
  constructor(private readonly accounts: AccountRepository) {}

  async execute(): Promise<z.output<typeof authStateResponse>> {
    return { setupNeeded: !(await this.accounts.anyAccount()) };
  }
}
