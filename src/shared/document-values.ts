/**
 * Values written into the documents this tool generates for people to apply (the Terraform diff, the
 * `argocd-cm` YAML, the UpdateUserPoolClient JSON). A value that cannot be written safely is refused,
 * never escaped: a document must never gain a line, a block or an interpolation that was not generated,
 * and a silently altered id would change the wrong resource.
 */
export class UnsafeDocumentValueError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnsafeDocumentValueError';
  }
}

/** What an AWS id or a Cognito unit is made of: no quote, no line break, no `${`, nothing a document reads. */
const PLAIN_TOKEN = /^[A-Za-z0-9_.:-]{1,256}$/;

/** Shown in the refusal: its start, escaped, never more than a few dozen characters. */
function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const start = JSON.stringify(text.slice(0, 40)).replace(/[\u007f-\u009f\u2028\u2029]/g, '?');
  return text.length > 40 ? `${start}… (${text.length} characters)` : start;
}

/**
 * `value` as a plain token (an id, a unit) fit for any document and comment, or UnsafeDocumentValueError
 * naming `field` (as the document's source names it, e.g. `UserPoolClient.ClientId`).
 */
export function plainToken(field: string, value: unknown): string {
  if (typeof value === 'string' && PLAIN_TOKEN.test(value)) return value;
  throw new UnsafeDocumentValueError(
    field,
    `${field} cannot be written into the generated document: ${shown(value)} is not a plain id (letters, digits, "_", ".", ":" and "-" only)`,
  );
}
