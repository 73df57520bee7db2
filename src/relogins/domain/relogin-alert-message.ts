/**
 * The Slack (Block Kit) alert for heavy re-logins, in the presentation's locale. Pure: the same
 * assessment always gives the same message, so tests assert its content directly.
 */

import {
  type BlockKitMessage,
  context,
  DIVIDER,
  escapeMrkdwn,
  fallbackText,
  fieldsSection,
  header,
  type KnownBlock,
  type MessageDocuments,
  mrkdwn,
  mrkdwnCode,
  mrkdwnCodeBlock,
  mrkdwnText,
  section,
} from '../../notifications';
import { type Messages, messagesFor } from '../../shared/i18n';
import { round } from '../../shared/stats';
import type { AdviceItem } from './advice';
import { type AdviceDocument, adviceDocuments } from './advice/documents';
import { SEVERITY_ICONS } from './advice/headings';
import type { ReLoginAssessment } from './relogin-assessment';
import type { UserLabeler } from './report-identity';

export interface AlertPresentation {
  label: UserLabeler;
  metricsUrl: string;
  /** Heavy users at the previous alert, when this one comes early because it got worse. */
  worsenedFrom: number | null;
  /** The message's locale and time zone; English in UTC when left out. */
  messages?: Messages;
}

/** The messages' words: the given locale's, else English in UTC. */
export function alertMessages(messages: Messages | undefined): Messages {
  return messages ?? messagesFor('en', 'UTC');
}

/** Heavy users listed by name; the rest are counted. */
const MAX_LISTED_USERS = 10;

function minutes(value: number | null, m: Messages): string {
  return value === null ? '–' : m.format.minutes(round(value, 0));
}

/** Slack's limit for a section's text. */
const MAX_SECTION_TEXT = 3000;

function adviceBlocks(item: AdviceItem, m: Messages): KnownBlock[] {
  return [section(`${SEVERITY_ICONS[item.severity]} *${m.text.advice.titles[item.id]}*\n${item.text}`)];
}

/** A document inline, as a code block (too long for Slack: where to get it instead). */
function inlineDocument({ title, content }: AdviceDocument, m: Messages): KnownBlock {
  const code = `*${escapeMrkdwn(title)}*\n${mrkdwnCodeBlock(content)}`;
  return section(
    code.length <= MAX_SECTION_TEXT ? code : `*${escapeMrkdwn(title)}*\n${m.text.documents.tooLong}`,
  );
}

interface ItemDocument {
  item: AdviceItem;
  document: AdviceDocument;
}

/** Two documents under one name (the upgrade's and the mitigation's `argocd-cm`): the later one named after its item. */
function distinctNames(documents: readonly ItemDocument[]): (ItemDocument & { filename: string })[] {
  return documents.map((entry, index) => {
    const { filename } = entry.document;
    const taken = documents.slice(0, index).some((earlier) => earlier.document.filename === filename);
    return { ...entry, filename: taken ? `${entry.item.id}.${filename}` : filename };
  });
}

/**
 * The advice's documents as snippet files for the message's thread, and the reply that carries them
 * inline instead when the upload fails; undefined when the advice has none.
 */
function adviceFiles(advice: readonly AdviceItem[], m: Messages): MessageDocuments | undefined {
  const documents = distinctNames(
    advice.flatMap((item) => adviceDocuments(item, m).map((document) => ({ item, document }))),
  );
  if (documents.length === 0) return undefined;
  return {
    files: documents.map(({ item, document, filename }) => ({
      filename,
      // The heading says which advice it belongs to; Slack shows the title as plain text, backticks and all.
      title: `${m.text.advice.titles[item.id]} — ${document.title}`,
      content: document.content,
      snippetType: document.snippetType,
    })),
    ifUploadFails: {
      text: fallbackText(m.text.documents.notAttached),
      blocks: [
        section(m.text.documents.notAttached),
        ...documents.map(({ document }) => inlineDocument(document, m)),
      ],
    },
  };
}

/** The one line pointing to the documents in the thread. */
function documentsPointer(documents: MessageDocuments, m: Messages): KnownBlock {
  const names = documents.files.map((file) => mrkdwnCode(file.filename));
  return context(`:paperclip: ${m.text.documents.inThread(names.join(', '))}`);
}

function figureFields(assessment: ReLoginAssessment, m: Messages) {
  const { totals, cognito, tokenValidity } = assessment;
  const words = m.text.alert;
  const validity =
    tokenValidity === null
      ? words.unknown
      : words.validityValue(
          m.format.minutes(tokenValidity.idTokenMinutes),
          m.format.minutes(tokenValidity.accessTokenMinutes),
          m.format.minutes(tokenValidity.refreshTokenMinutes),
        );
  return [
    mrkdwn(`*${words.activeUsers}*\n${totals.activeUsers}`),
    mrkdwn(`*${words.reLogins}*\n${words.reLoginsOfLogins(totals.reLogins, totals.logins)}`),
    mrkdwn(
      `*${words.interval}*\np50 ${minutes(assessment.reLoginIntervalP50Minutes, m)} · p90 ${minutes(assessment.reLoginIntervalP90Minutes, m)}`,
    ),
    mrkdwn(`*${words.timeLost}*\n${m.format.minutes(round(assessment.estimatedMinutesLost, 1))}`),
    mrkdwn(
      `*${words.tokenRefreshes}*\n${words.seenByTrigger(totals.refreshes)}\n${words.cognito(cognito?.tokenRefreshSuccesses ?? null, cognito?.signInSuccesses ?? null)}`,
    ),
    mrkdwn(`*${words.validity}*\n${validity}`),
  ];
}

function heavyUserList(assessment: ReLoginAssessment, label: UserLabeler, m: Messages): string {
  const words = m.text.alert;
  const listed = assessment.heavyUsers.slice(0, MAX_LISTED_USERS).map((user) => {
    const interval =
      user.medianReLoginIntervalMinutes === null
        ? null
        : m.format.minutes(round(user.medianReLoginIntervalMinutes, 0));
    return `• ${words.heavyUser(mrkdwnText(label(user)), user.reLogins, interval)}`;
  });
  const hidden = assessment.heavyUsers.length - listed.length;
  return [
    words.heavyUsers(assessment.heavyReLogins, assessment.windowHours),
    ...listed,
    ...(hidden > 0 ? [words.andMore(hidden)] : []),
  ].join('\n');
}

/** The advice as the alert shows it (shared with the follow-ups, the recovery and the stop-gap reminder). */
export interface AdviceContent {
  /** One section per item, then a line pointing to the documents in the thread. */
  blocks: KnownBlock[];
  /** The documents, for the thread; undefined when the advice has none. */
  documents?: MessageDocuments;
}

export function adviceContent(advice: readonly AdviceItem[], m: Messages): AdviceContent {
  const blocks = advice.flatMap((item) => adviceBlocks(item, m));
  const documents = adviceFiles(advice, m);
  return documents === undefined
    ? { blocks }
    : { blocks: [...blocks, documentsPointer(documents, m)], documents };
}

/** A message with the advice's documents, when it has any. */
export function withDocuments(message: BlockKitMessage, advice: AdviceContent | null): BlockKitMessage {
  return advice?.documents === undefined ? message : { ...message, documents: advice.documents };
}

/** "Argo CD app client `…` (user pool `…`)", escaped. */
export function clientScope(
  assessment: Pick<ReLoginAssessment, 'clientId' | 'userPoolId'>,
  m: Messages,
): string {
  return m.text.alert.clientScope(mrkdwnCode(assessment.clientId), mrkdwnCode(assessment.userPoolId));
}

/** The closing context line: the metrics link and the sender. */
export function metricsContext(metricsUrl: string, m: Messages) {
  return context(`<${metricsUrl}|${m.text.alert.openMetrics}> · argocd-relogin-monitor`);
}

export function reLoginAlertMessage(
  assessment: ReLoginAssessment,
  presentation: AlertPresentation,
): BlockKitMessage {
  const m = alertMessages(presentation.messages);
  const words = m.text.alert;
  const heavy = assessment.heavyUsers.length;
  const headline = words.headline(heavy);
  const worse =
    presentation.worsenedFrom === null ? '' : `\n${words.worse(presentation.worsenedFrom, heavy)}`;
  const advice = adviceContent(assessment.advice, m);
  return withDocuments(
    {
      text: fallbackText(
        words.fallback({
          headline,
          reLogins: assessment.totals.reLogins,
          activeUsers: assessment.totals.activeUsers,
          windowHours: assessment.windowHours,
          clientId: assessment.clientId,
        }),
      ),
      blocks: [
        header(headline),
        section(
          words.lead({
            scope: clientScope(assessment, m),
            reLogins: assessment.totals.reLogins,
            windowHours: assessment.windowHours,
            windowEnd: m.format.dateTime(assessment.windowEnd),
          }) + worse,
        ),
        fieldsSection(figureFields(assessment, m)),
        section(heavyUserList(assessment, presentation.label, m)),
        DIVIDER,
        ...advice.blocks,
        metricsContext(presentation.metricsUrl, m),
      ],
    },
    advice,
  );
}
