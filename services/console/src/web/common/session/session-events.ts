/**
 * Tells the page that the session ended while it was in use (the console answered `session-expired`): the sign-in
 * dialog opens over the page, so a half-filled form survives signing in again.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export const sessionEvents = {
  expire(): void {
    for (const listener of listeners) listener();
  },
  onExpire(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
