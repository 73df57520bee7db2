/**
 * The one redaction every output goes through (log lines, thrown and printed errors, chat messages,
 * files written): each secret the process holds or has read is replaced by `[redacted]` in its raw,
 * URL-encoded and base64 forms, and credential-shaped text (a bearer header, a GitHub token, a URL's
 * `user:password@`) is replaced whoever sent it. Callers redact first and cut afterwards, so no cut can
 * leave half a secret standing.
 *
 * The secrets are the process's own (tokens read from settings and SSM), so they are held once per
 * process: whoever reads a secret registers it (`secrets.add`), whoever writes output redacts.
 */

export const REDACTED = '[redacted]';

/** Shorter values cannot be told apart from ordinary words; no real token is this short. */
const MIN_SECRET_LENGTH = 8;

/** Shapes that are credentials wherever they appear, whoever sent them. */
const CREDENTIAL_PATTERNS: [RegExp, (match: string, ...groups: string[]) => string][] = [
  // `Authorization: Bearer x`, `"authorization":"token x"`, `authorization=Basic x`
  [
    /(authorization["']?\s*[:=]\s*["']?)(?:(bearer|token|basic)\s+)?[^\s"',;}]+/gi,
    (_, prefix, scheme) => `${prefix}${scheme === undefined ? '' : `${scheme} `}${REDACTED}`,
  ],
  [/\b(bearer)\s+[\w.~+/=-]{8,}/gi, (_, scheme) => `${scheme} ${REDACTED}`],
  // GitHub's token formats (classic, OAuth, user-to-server, server-to-server, refresh, fine-grained).
  [/\b(?:gh[opsur]_[A-Za-z0-9]{20,}|github_pat_\w{20,})/g, () => REDACTED],
  // Slack's token formats (bot, user, app-level, configuration, refresh).
  [/\bxox[abeprs]-[A-Za-z0-9-]{10,}|\bxapp-[A-Za-z0-9-]{10,}/g, () => REDACTED],
  // user:password in a URL
  [/\/\/[^/\s:@]+:[^/\s@]+@/g, () => `//${REDACTED}@`],
];

/** Values that look like a token itself: what a `*_PARAMETER` setting must never hold. */
export const TOKEN_SHAPE = /^(?:xox[abeprs]-|xapp-|gh[opsur]_|github_pat_|glpat-|AKIA[0-9A-Z]{12})/;

/**
 * The forms of `secret` that can appear inside other text: as given, URL-encoded, and base64 (standard
 * and URL-safe) at each of the three byte alignments it can take inside a longer encoded text. Of a
 * base64 form only the characters that depend on the secret's bytes alone are kept, so the form matches
 * wherever the secret was encoded with anything around it.
 */
function formsOf(secret: string): string[] {
  const forms = new Set([secret, encodeURIComponent(secret)]);
  const bytes = Buffer.from(secret);
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // The first group mixes in the padding bytes; the last may mix in whatever follows the secret.
    const start = offset === 0 ? 0 : 4;
    const end = (offset + bytes.length) % 3 === 0 ? encoded.length : encoded.length - 4;
    const core = encoded.slice(start, end);
    if (core.length >= MIN_SECRET_LENGTH) {
      forms.add(core);
      forms.add(core.replaceAll('+', '-').replaceAll('/', '_'));
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

export class SecretSet {
  private readonly forms = new Map<string, string[]>();

  /** Holds `secret` (ignored when empty or too short to tell apart from words) for every later redaction. */
  add(secret: string | undefined): void {
    const value = secret?.trim();
    if (value === undefined || value.length < MIN_SECRET_LENGTH || this.forms.has(value)) return;
    this.forms.set(value, formsOf(value));
  }

  /**
   * Holds every secret an environment gives: each `*TOKEN*`, `*SECRET*`, `*PASSWORD*` or `*_KEY` setting's value
   * (not a `*_PARAMETER`, which names where the secret lives), and the credentials of any URL setting.
   */
  addFromEnvironment(env: Readonly<Record<string, string | undefined>>): void {
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) continue;
      this.addSetting(name, value);
    }
  }

  /** Holds what the setting `name` = `value` carries that is secret, if anything. */
  addSetting(name: string, value: string): void {
    if (/TOKEN|SECRET|PASSWORD|_KEY$/i.test(name) && !/_PARAMETER$/i.test(name)) this.add(value);
    if (value.includes('@') && value.includes('//')) {
      try {
        const url = new URL(value.trim());
        this.add(decodeURIComponent(url.password));
        this.add(url.password);
      } catch {
        // Not a URL: nothing of it is a URL credential.
      }
    }
  }

  /** `text` with every held secret and every credential-shaped value replaced by `[redacted]`. */
  redact(text: string): string {
    let out = text;
    for (const forms of this.forms.values()) {
      for (const form of forms) if (out.includes(form)) out = out.replaceAll(form, REDACTED);
    }
    for (const [pattern, replace] of CREDENTIAL_PATTERNS) out = out.replace(pattern, replace);
    return out;
  }

  /** A copy of `value` with every string in it redacted (for structured log attributes and messages). */
  redactDeep<T>(value: T): T {
    return redactIn(value, (text) => this.redact(text), 0) as T;
  }
}

const MAX_DEPTH = 32;

function redactIn(value: unknown, redact: (text: string) => string, depth: number): unknown {
  if (typeof value === 'string') return redact(value);
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((item) => redactIn(item, redact, depth + 1));
  if (value instanceof Error) return redactedError(value, redact, depth + 1);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, redactIn(item, redact, depth + 1)]),
  );
}

/**
 * The same error (same class) with its message, stack and every field of its own (a client library's
 * `data`: the server's answer) redacted in place.
 */
function redactedError(error: Error, redact: (text: string) => string, depth = 0): Error {
  error.message = redact(error.message);
  if (error.stack !== undefined) error.stack = redact(error.stack);
  const fields = error as unknown as Record<string, unknown>;
  for (const key of Object.keys(error)) {
    if (key !== 'message' && key !== 'stack') fields[key] = redactIn(fields[key], redact, depth + 1);
  }
  if (error.cause !== undefined) error.cause = redactIn(error.cause, redact, depth + 1);
  return error;
}

/** The process's secrets. */
export const secrets = new SecretSet();

/** `text` without any of the process's secrets or anything credential-shaped. */
export function redact(text: string): string {
  return secrets.redact(text);
}

/** The error's message (and stack) redacted, for rethrowing past a boundary that prints it. */
export function redactError<E>(error: E): E {
  if (error instanceof Error) return redactedError(error, redact) as E;
  return error;
}

/**
 * A Powertools Logger `jsonReplacerFn`: every string of every log line (message, attributes, the
 * formatted error and its stack) goes out redacted.
 */
export function redactingJsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? redact(value) : value;
}
