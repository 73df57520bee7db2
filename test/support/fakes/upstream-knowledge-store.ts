/** In-memory UpstreamKnowledgeStore: what was saved last (a copy), empty knowledge before that. */
import { emptyKnowledge, type Knowledge } from '../../../src/upstream/domain/knowledge';
import type { UpstreamKnowledgeStore } from '../../../src/upstream/ports/upstream-knowledge-store';
import { FakePort, type Timeline } from './script';

export class FakeUpstreamKnowledgeStore extends FakePort<'load' | 'save'> implements UpstreamKnowledgeStore {
  /** Every saved knowledge, in order. */
  readonly saved: Knowledge[] = [];

  constructor(timeline?: Timeline) {
    super('knowledgeStore', timeline);
  }

  async load(): Promise<Knowledge> {
    await this.enter('load', []);
    const last = this.saved.at(-1);
    return last === undefined ? emptyKnowledge() : structuredClone(last);
  }

  async save(knowledge: Knowledge): Promise<void> {
    await this.enter('save', [knowledge]);
    this.saved.push(structuredClone(knowledge));
  }
}
