/**
 * A follow-up of a heavy re-login alert, in the alert's thread: only what changed since the previous
 * post (each figure with its change, advice added or gone by heading), so a channel that gets one a day
 * reads a few lines, not the whole alert again. The full advice comes again only when it changed.
 */
import { type BlockKitMessage, fallbackText, header, section } from '../../notifications';
import type { Messages } from '../../shared/i18n';
import type { AdviceItem } from './advice';
import { episodeFigures } from './episode-messages';
import { adviceContent, alertMessages, metricsContext, withDocuments } from './relogin-alert-message';
import type { ReLoginAssessment } from './relogin-assessment';
import type { EpisodeFigures } from './relogin-episode';

export interface FollowUpInput {
  worsenedFrom: number | null;
  previous: { at: number; figures: EpisodeFigures; advice: readonly string[] | null };
}

function changeLine(label: string, from: number | null, to: number | null, m: Messages): string | null {
  if (from === to) return null;
  const show = (value: number | null) => (value === null ? '–' : m.format.decimal(value, 2));
  return `• ${label}: ${show(from)} → ${show(to)}`;
}

/**
 * What changed in the advice since a previous post (headings added and gone), and whether the whole
 * advice should come again: when it changed, or when the previous post's advice is unknown (null).
 * `same` is the line for unchanged advice, pointing to where it was last given in full.
 */
export function adviceChangeLines(
  advice: readonly AdviceItem[],
  previous: readonly string[] | null,
  same: string,
  m: Messages,
): { lines: string[]; repeatAdvice: boolean } {
  if (previous === null) return { lines: [], repeatAdvice: true };
  const now = advice.map((item) => item.id);
  const added = now.filter((id) => !previous.includes(id));
  const gone = previous.filter((id) => !(now as string[]).includes(id));
  const titles = (ids: readonly string[]) =>
    ids.map((id) => m.text.advice.titles[id as AdviceItem['id']] ?? id).join(', ');
  const words = m.text.followUp;
  const lines = [
    ...(added.length > 0 ? [words.adviceAdded(titles(added))] : []),
    ...(gone.length > 0 ? [words.adviceGone(titles(gone))] : []),
  ];
  return lines.length === 0 ? { lines: [same], repeatAdvice: false } : { lines, repeatAdvice: true };
}

export function followUpMessage(
  assessment: ReLoginAssessment,
  followUp: FollowUpInput,
  presentation: { metricsUrl: string; messages?: Messages },
): BlockKitMessage {
  const m = alertMessages(presentation.messages);
  const words = m.text.followUp;
  const labels = m.text.episode;
  const now = episodeFigures(assessment);
  const before = followUp.previous.figures;
  const headline = words.headline(now.heavyUsers, followUp.worsenedFrom !== null);
  const changes = [
    changeLine(labels.heavyUsers, before.heavyUsers, now.heavyUsers, m),
    changeLine(words.activeUsers, before.activeUsers, now.activeUsers, m),
    changeLine(
      labels.reLoginsPerActiveUser(assessment.windowHours),
      before.reLoginsPerActiveUser,
      now.reLoginsPerActiveUser,
      m,
    ),
    changeLine(labels.triggerRefreshes, before.triggerRefreshes, now.triggerRefreshes, m),
    changeLine(labels.cognitoRefreshes, before.cognitoRefreshes, now.cognitoRefreshes, m),
  ].filter((line): line is string => line !== null);
  // The whole advice again only when it changed (or when the previous post's advice is unknown).
  const { lines: adviceLines, repeatAdvice } = adviceChangeLines(
    assessment.advice,
    followUp.previous.advice,
    words.adviceSame,
    m,
  );
  const advice = repeatAdvice ? adviceContent(assessment.advice, m) : null;
  return withDocuments(
    {
      text: fallbackText(words.fallback(headline, assessment.clientId)),
      blocks: [
        header(headline),
        section(
          [
            words.since(m.format.dateTime(followUp.previous.at), assessment.windowHours),
            ...changes,
            ...adviceLines,
          ].join('\n'),
        ),
        ...(advice?.blocks ?? []),
        metricsContext(presentation.metricsUrl, m),
      ],
    },
    advice,
  );
}
