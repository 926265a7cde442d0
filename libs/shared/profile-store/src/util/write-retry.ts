/**
 * FerretDB's SQLite backend answers a write that meets another writer's lock
 * with "database is locked (SQLITE_BUSY)" instead of waiting; such a write
 * changed nothing, so it is retried with a short, growing back-off.
 */
export async function retryBusy<T>(write: () => Promise<T>, attempts = 8): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isBusyError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * 2 ** attempt));
    }
  }
}

function isBusyError(error: unknown): boolean {
  return error instanceof Error && /SQLITE_BUSY|database is locked/.test(error.message);
}
