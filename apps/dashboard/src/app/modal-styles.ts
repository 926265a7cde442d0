/** Dialog titles read as titles (Mantine's default is body text). */
export const MODAL_STYLES = { title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } };
