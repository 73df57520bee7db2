/** Which Argo CD version is deployed. One real implementation: `src/adapters/argocd/`. */
export interface DeployedVersionSource {
  /** Normalized ("v3.4.6", build suffix stripped); null when not configured. */
  current(): Promise<string | null>;
}

export class DeployedVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeployedVersionError';
  }
}
