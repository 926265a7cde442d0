/**
 * What every call of the session needs besides its cookie: the workspace it names
 * (`X-Workspace-Id`, remembered in this browser) and the CSRF token of `GET /v1/auth/me`
 * (`X-CSRF-Token` on calls that change something). Kept outside React: the client reads it.
 */
const WORKSPACE_KEY = 'seg.workspaceId';

let csrfToken: string | null = null;
let workspaceId: string | null = readStoredWorkspace();

function readStoredWorkspace(): string | null {
  try {
    return window.localStorage.getItem(WORKSPACE_KEY);
  } catch {
    return null;
  }
}

export const session = {
  csrfToken: () => csrfToken,
  workspaceId: () => workspaceId,
  setCsrfToken(token: string | null): void {
    csrfToken = token;
  },
  setWorkspaceId(id: string | null): void {
    workspaceId = id;
    try {
      if (id === null) window.localStorage.removeItem(WORKSPACE_KEY);
      else window.localStorage.setItem(WORKSPACE_KEY, id);
    } catch {
      // Storage refused (private mode): the choice lasts for this page only.
    }
  },
};
