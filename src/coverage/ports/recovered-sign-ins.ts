/** The sign-ins the hourly check recovered over a window (its `RecoveredSignIns`), for the periodic report. */
export interface RecoveredSignInsReader {
  total(query: {
    userPoolId: string;
    clientId: string;
    namespace: string;
    from: number;
    to: number;
  }): Promise<number>;
}
