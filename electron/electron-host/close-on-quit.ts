// Holds the quit until the core has closed (queued transactions finish, the database file is
// released), then exits. Quitting again while closing waits for the same close.
/** The part of Electron's `app` this uses. */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  exit(exitCode?: number): void;
}

export function closeBeforeQuit(app: QuittingApp, close: () => Promise<void>): void {
  let closing = false;
  app.on('will-quit', (event) => {
    event.preventDefault();
    if (closing) return;
    closing = true;
    close().then(
      () => app.exit(0),
      (error: unknown) => {
        console.error('[revier] the core did not close cleanly:', error);
        app.exit(1);
      },
    );
  });
}
