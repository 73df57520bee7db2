/**
 * Is our function in the pool's trigger slot the attach mode expects? A pure comparison of the pool's
 * LambdaConfig (as DescribeUserPool returns it) with the expected layout, so the adoption work (attach
 * plan, doctor) can feed it the same way the hourly self-check does.
 */

import type { AttachMode } from '../../adoption';

/** How the monitor is attached (ATTACH_MODE): the attach step's modes (src/adoption). */
export { ATTACH_MODES, type AttachMode } from '../../adoption';

export interface ExpectedAttachment {
  /** Our trigger function (AUTH_EVENT_FUNCTION_ARN). */
  functionArn: string;
  mode: AttachMode;
}

/** The slots of the pool's LambdaConfig the monitor can sit in (function ARNs). */
export interface TriggerSlots {
  /** `PreTokenGenerationConfig.LambdaArn`, else the older `PreTokenGeneration`. */
  preTokenGeneration?: string;
  postAuthentication?: string;
}

export type Attachment =
  | {
      attached: true;
      slot: keyof TriggerSlots;
      /** Only Pre Token Generation fires on a refresh: from Post Authentication refreshes are invisible. */
      seesRefreshes: boolean;
    }
  | ({ attached: false } & Detachment);

/** Why our function counts as detached, for the self-check's message to word in its locale. */
export interface Detachment {
  /** Our function, unqualified. */
  functionArn: string;
  mode: AttachMode;
  /** The slots the mode expects us in, and what each holds (null: empty). */
  slots: { slot: keyof TriggerSlots; occupant: string | null }[];
}

/** The function's ARN without a version or alias: `arn:aws:lambda:<region>:<account>:function:<name>`. */
export function unqualifiedArn(arn: string): string {
  return arn.split(':').slice(0, 7).join(':');
}

/** The slots each mode may put our function in, preferred first. */
const SLOTS_OF: Readonly<Record<AttachMode, readonly (keyof TriggerSlots)[]>> = {
  auto: ['preTokenGeneration', 'postAuthentication'],
  none: ['preTokenGeneration', 'postAuthentication'],
  // Chain mode sits in Pre Token Generation and calls the team's own function from there.
  chain: ['preTokenGeneration'],
  'post-authentication': ['postAuthentication'],
};

export function checkAttachment(slots: TriggerSlots, expected: ExpectedAttachment): Attachment {
  const ours = unqualifiedArn(expected.functionArn);
  const allowed = SLOTS_OF[expected.mode];
  const slot = allowed.find((name) => {
    const arn = slots[name];
    return arn !== undefined && unqualifiedArn(arn) === ours;
  });
  if (slot !== undefined) return { attached: true, slot, seesRefreshes: slot === 'preTokenGeneration' };
  return {
    attached: false,
    functionArn: ours,
    mode: expected.mode,
    slots: allowed.map((slot) => ({ slot, occupant: slots[slot] ?? null })),
  };
}
