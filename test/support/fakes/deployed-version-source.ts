/** In-memory DeployedVersionSource: the version the test set (null: not configured); fails when scripted. */
import type { DeployedVersionSource } from '../../../src/upstream/ports/deployed-version';
import { FakePort, type Timeline } from './script';

export class FakeDeployedVersionSource extends FakePort<'current'> implements DeployedVersionSource {
  constructor(
    /** Normalized, as the port promises ("v3.3.14"). */
    public version: string | null,
    timeline?: Timeline,
  ) {
    super('deployedVersion', timeline);
  }

  async current(): Promise<string | null> {
    await this.enter('current', []);
    return this.version;
  }
}
