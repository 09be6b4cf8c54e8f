// Every refused navigation, window, permission, request and IPC call is logged, so an attempt
// to leave the sandbox is visible rather than silently swallowed.
export type SecurityLog = (event: string, details: Record<string, unknown>) => void;

export const consoleSecurityLog: SecurityLog = (event, details) => {
  console.warn(`[revier:security] ${event}`, details);
};
