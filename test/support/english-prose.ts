/**
 * Finds English sentences left in a rendering meant for another language: what is left once code, links,
 * identifiers and names are taken out, in runs of three or more English words.
 */
/** Names, settings and commands that stay as they are in any language. */
const IDENTIFIERS =
  /\b(?:Argo CD|Amazon Cognito|Cognito|AWS CLI|Terraform|Slack|CloudWatch|Redis|Dex|OIDC|ID|p50|p90|argocd-relogin-monitor)\b/g;

/**
 * What is left of a rendering once code (``` blocks, `spans`, <code>), links, Slack emoji, HTML markup,
 * identifiers (CamelCase, snake_case, UPPER_CASE, kebab-case, dotted and slashed names, versions) and
 * names are taken out: the prose.
 */
function prose(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
    .replace(/<img[^>]*>|<style>[\s\S]*?<\/style>|<[^>]+>/g, ' ')
    .replace(/<https?:[^>]*>|https?:\S+/g, ' ')
    .replace(/:[a-z_]+:/g, ' ')
    .replace(/\S*[A-Za-z]+[A-Z_./:-]\S*/g, (word) => (/^[A-Za-z][a-z]+[.,:;]?$/.test(word) ? word : ' '))
    .replace(IDENTIFIERS, ' ');
}

/** Three or more English words in a row: a sentence, or the start of one. */
const ENGLISH_RUN = /\b[A-Za-z][a-z']*(?:[ ,]+[A-Za-z][a-z']*){2,}/g;

/** The English runs of words in `text`'s prose: empty for a clean Japanese rendering. */
export function englishRuns(text: string): string[] {
  return [...prose(text).matchAll(ENGLISH_RUN)].map((match) => match[0]);
}
