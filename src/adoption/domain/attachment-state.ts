/**
 * What the deploy's attach step must remember between Create, Update and Delete: which pool it attached
 * to and what our slots held before. CloudFormation keeps it for us as the custom resource's physical
 * id (at most 1 KB), so removal restores the pool even when the stack is deleted from the console.
 */
import { type OriginalSlots, TRIGGER_VERSIONS } from './attach-plan';

export interface AttachmentState {
  userPoolId: string;
  original: OriginalSlots;
}

const PREFIX = 'relogin-monitor-attachment:';
/** The physical id when nothing was attached (mode none, or a refused create). */
export const NOTHING_ATTACHED = `${PREFIX}none`;

export function encodeAttachmentState(state: AttachmentState): string {
  return `${PREFIX}${Buffer.from(JSON.stringify(state)).toString('base64url')}`;
}

function isOriginal(value: unknown): value is OriginalSlots {
  const slots = value as OriginalSlots;
  const preToken = slots?.preTokenGeneration;
  return (
    typeof slots === 'object' &&
    slots !== null &&
    (preToken === null ||
      (typeof preToken?.arn === 'string' &&
        (TRIGGER_VERSIONS as readonly string[]).includes(preToken.version))) &&
    (slots.postAuthentication === null || typeof slots.postAuthentication === 'string')
  );
}

/** The state a physical id carries, or null for one that records no attachment. */
export function decodeAttachmentState(physicalId: string | undefined): AttachmentState | null {
  if (physicalId === undefined || !physicalId.startsWith(PREFIX) || physicalId === NOTHING_ATTACHED)
    return null;
  try {
    const state = JSON.parse(
      Buffer.from(physicalId.slice(PREFIX.length), 'base64url').toString('utf8'),
    ) as AttachmentState;
    return typeof state.userPoolId === 'string' && isOriginal(state.original) ? state : null;
  } catch {
    return null;
  }
}
