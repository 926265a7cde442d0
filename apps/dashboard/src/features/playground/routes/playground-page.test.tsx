import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app';

const EXPERIENCE = { id: 'exp_1', name: 'Onboarding tour', type: 'tour', steps: [] };

describe('targeting playground', () => {
  it('shows what a user gets now (asked with the SDK and the public key) and the segments that let it through', async () => {
    let tracked = false;
    const app = renderApp('/experiences/playground', {
      'GET /v1/workspaces/current/keys': () => ({ publicKey: 'pk_test_1', secretKey: 'sk_…abcd' }),
      'GET /v1/users/:userId/experiences': () => ({ experiences: tracked ? [EXPERIENCE] : [] }),
      'GET /v1/experiences/:id': () => ({
        status: 200,
        body: {
          ...EXPERIENCE,
          audience: { mode: 'segments', segmentIds: ['seg_a', 'seg_b'] },
          status: 'published',
        },
      }),
      'GET /v1/segments/:id': (_call, { id }) => ({
        id,
        name: id === 'seg_a' ? 'Exporters' : 'Admins',
      }),
      'GET /v1/segments/:id/users/:userId': (_call, { id }) => ({
        member: id === 'seg_a',
        explanation: { type: 'group', operator: 'and', result: id === 'seg_a', conditions: [] },
        nextChangeAt: null,
      }),
      'POST /v1/batch': () => {
        tracked = true;
        return { status: 202, body: { accepted: 1, duplicates: 0, rejected: [] } };
      },
    });
    await app.user.type(await screen.findByRole('textbox', { name: 'User id' }), 'u-42');
    await app.user.click(screen.getByRole('button', { name: 'Show experiences' }));
    expect(
      await screen.findByText('No published experience targets this user now.'),
    ).toBeInTheDocument();
    // The SDK's own call, with the public key (not the session).
    const asked = app.callsTo('GET', '/v1/users/u-42/experiences')[0];
    expect(asked.headers.get('authorization')).toBe('Bearer pk_test_1');

    await app.user.type(screen.getByRole('textbox', { name: 'Event' }), 'Exported');
    await app.user.click(screen.getByRole('button', { name: 'Send track' }));
    const list = await screen
      .findByRole('generic', { name: 'Targeted experiences' })
      .catch(() => screen.findByLabelText('Targeted experiences'));
    expect(await within(list).findByText('Onboarding tour')).toBeInTheDocument();
    expect(await within(list).findByText(/Let through by Exporters/)).toBeInTheDocument();
    expect(within(list).getByLabelText('Why Exporters')).toBeInTheDocument();
    expect(within(list).queryByLabelText('Why Admins')).toBeNull();
    const sent = app.callsTo('POST', '/v1/batch')[0].body as {
      batch: Array<Record<string, unknown>>;
    };
    expect(sent.batch).toEqual([
      expect.objectContaining({
        type: 'track',
        userId: 'u-42',
        event: 'Exported',
        messageId: expect.any(String),
      }),
    ]);
  });
});
