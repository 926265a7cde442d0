export const HISTORY_DAYS = Symbol('HISTORY_DAYS');
