// Knowing when a request really goes out: a source's rate limit spaces requests as written to the socket, not
// as queued behind a busy connection pool.
import type { Dispatcher } from 'undici';

/** A dispatcher that calls `onWritten` when a request's headers are about to be written (undici's onConnect). */
export function onRequestWritten(dispatcher: Dispatcher, onWritten: () => void): Dispatcher {
  return dispatcher.compose(
    (dispatch) => (options, handler) =>
      dispatch(
        options,
        new Proxy(handler, {
          get(target, property, receiver) {
            const value = Reflect.get(target, property, receiver) as unknown;
            if (typeof value !== 'function') return value;
            if (property === 'onConnect' || property === 'onRequestStart') {
              return (...args: unknown[]) => {
                onWritten();
                return (value as (...a: unknown[]) => unknown).apply(target, args);
              };
            }
            return (value as (...a: unknown[]) => unknown).bind(target);
          },
        }),
      ),
  );
}
