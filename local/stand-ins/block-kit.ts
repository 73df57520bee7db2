/** Reads Block Kit blocks back as the lines of text Slack shows, so tests assert content, not structure. */
/** Any block: the typed ones the builders make (`@slack/types`) and the JSON the fake Slack received. */
type Block = object;

function textOf(value: unknown): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const text = (value as { text?: unknown }).text;
  return typeof text === 'string' ? [text] : [];
}

export function blockTexts(blocks: readonly Block[]): string[] {
  return blocks.flatMap((value) => {
    const block = value as Record<string, unknown>;
    if (block.type === 'divider') return ['---'];
    const fields = Array.isArray(block.fields) ? block.fields.flatMap(textOf) : [];
    const elements = Array.isArray(block.elements) ? block.elements.flatMap(textOf) : [];
    return [...textOf(block.text), ...fields, ...elements];
  });
}

export function readableText(blocks: readonly Block[]): string {
  return blockTexts(blocks).join('\n');
}
