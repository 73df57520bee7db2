/**
 * Slack Block Kit, typed with `@slack/types`, and the one set of text helpers every message builder
 * uses (the re-login alert and its follow-ups, the fixed-release message, the periodic report).
 *
 * Escaping for Slack lives here, applied where outside text is rendered: `mrkdwnText` for a value in
 * mrkdwn, `codeSpan` (`src/shared/escaping.ts`) for an id in code, `fallbackText` for the message's
 * plain `text` (which Slack also parses for links and mentions).
 */
import type {
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  SectionBlock,
} from '@slack/types';
import { codeBlockBody, codeSpan } from '../../shared/escaping';
import { printable } from '../../shared/safe-text';

export type { KnownBlock, MrkdwnElement } from '@slack/types';

/** A chat message: the same type as the ChatPoster port's `ChatMessage`. */
export interface BlockKitMessage {
  /** Plain-text fallback (notifications, screen readers): build it with `fallbackText`. */
  text: string;
  /** Block Kit blocks. */
  blocks: readonly KnownBlock[];
  /** Code to apply, posted as files in the message's thread rather than pasted into it. */
  documents?: MessageDocuments;
}

/** A text file for a message's thread, shown by Slack as a highlighted snippet. */
export interface SnippetFile {
  filename: string;
  /** What it is and how to apply it (plain text; Slack shows it above the snippet). */
  title: string;
  content: string;
  /** Slack's snippet type (`diff`, `json`, `yaml`). */
  snippetType: string;
}

export interface MessageDocuments {
  files: readonly SnippetFile[];
  /** The thread reply that carries the documents inline when their upload fails, so none is lost. */
  ifUploadFails: BlockKitMessage;
}

/** Escapes the three characters Slack's mrkdwn treats as control characters, so text cannot ping or link. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An outside value (a user's name) inside mrkdwn: no mention, no link, no line break of its own. */
export function mrkdwnText(value: string): string {
  return escapeMrkdwn(printable(value));
}

/** An outside value (an id) as a mrkdwn code span that nothing in it can close. */
export function mrkdwnCode(value: string): string {
  return escapeMrkdwn(codeSpan(value));
}

/** A mrkdwn code block (```) around generated text that nothing in it can close. */
export function mrkdwnCodeBlock(text: string): string {
  return `\`\`\`\n${escapeMrkdwn(codeBlockBody(text))}\n\`\`\``;
}

/** The message's fallback `text`: one line, with no mention or link Slack would act on. */
export function fallbackText(text: string): string {
  return mrkdwnText(text);
}

/** A mrkdwn text object; `text` is mrkdwn already (its outside values escaped by the caller). */
export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text };
}

export function section(text: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

export function fieldsSection(fields: MrkdwnElement[]): SectionBlock {
  return { type: 'section', fields };
}

/** Slack's limit for a header's text. */
const MAX_HEADER_TEXT = 150;

export function header(text: string): HeaderBlock {
  const plain = printable(text);
  return {
    type: 'header',
    text: { type: 'plain_text', text: plain.length <= MAX_HEADER_TEXT ? plain : `${plain.slice(0, 149)}…` },
  };
}

export const DIVIDER: DividerBlock = { type: 'divider' };

export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.map(mrkdwn) };
}
