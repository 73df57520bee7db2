/**
 * CloudWatch Logs stand-in (no emulator exists on npm): keeps log events per group and stream and
 * answers FilterLogEvents as the service does, over the AWS JSON 1.1 protocol
 * `@aws-sdk/client-cloudwatch-logs` speaks (`X-Amz-Target: Logs_20140328.<Operation>`, times in epoch
 * ms). Filter patterns: the empty pattern, a plain term (every term must occur), or one JSON comparison
 * `{ $.path OP value }` (OP one of = != > < >= <=, value a number, a "string" or `*`), which is what the
 * recovery sends; anything else is refused as the service refuses a pattern it cannot parse.
 */
import { AwsJsonError, type AwsJsonServer, startAwsJsonServer } from './fake-aws-json';

export interface StoredLogEvent {
  logStreamName: string;
  /** Epoch ms. */
  timestamp: number;
  message: string;
}

export interface FakeCloudWatchLogs extends AwsJsonServer {
  /** Appends events to a group's stream (created on the way), as Lambda's log agent does. */
  addEvents(
    logGroupName: string,
    logStreamName: string,
    events: { timestamp: number; message: string }[],
  ): void;
  /** FilterLogEvents requests so far. */
  filterRequests(): number;
}

const JSON_COMPARISON = /^\{\s*\$\.([\w.]+)\s*(=|!=|>=|<=|>|<)\s*(\*|-?\d+(?:\.\d+)?|"[^"]*")\s*\}$/;

function valueAt(document: unknown, path: string): unknown {
  let value = document;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The pattern as a predicate over a message, or an InvalidParameterException for one it cannot read. */
export function filterPatternMatcher(pattern: string | undefined): (message: string) => boolean {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  const comparison = JSON_COMPARISON.exec(text);
  if (comparison !== null) {
    const [, path = '', operator, literal = ''] = comparison;
    return (message) => {
      let document: unknown;
      try {
        document = JSON.parse(message);
      } catch {
        return false;
      }
      const value = valueAt(document, path);
      if (literal === '*') return value !== undefined && operator === '=';
      if (literal.startsWith('"')) {
        const expected = literal.slice(1, -1);
        return operator === '=' ? value === expected : operator === '!=' && value !== expected;
      }
      if (typeof value !== 'number') return false;
      const bound = Number(literal);
      switch (operator) {
        case '=':
          return value === bound;
        case '!=':
          return value !== bound;
        case '>':
          return value > bound;
        case '<':
          return value < bound;
        case '>=':
          return value >= bound;
        default:
          return value <= bound;
      }
    };
  }
  if (text.includes('{') || text.includes('[')) {
    throw new AwsJsonError('InvalidParameterException', `Invalid filter pattern: ${text}`);
  }
  const terms = text.split(/\s+/).map((term) => term.replace(/^"|"$/g, ''));
  return (message) => terms.every((term) => message.includes(term));
}

export async function startFakeCloudWatchLogs(
  options: { eventsPerPage?: number } = {},
): Promise<FakeCloudWatchLogs> {
  const groups = new Map<string, StoredLogEvent[]>();
  let nextEventId = 0;
  const ids = new Map<StoredLogEvent, string>();
  const group = (name: unknown): StoredLogEvent[] => {
    const found = groups.get(String(name));
    if (found === undefined) {
      throw new AwsJsonError('ResourceNotFoundException', 'The specified log group does not exist.');
    }
    return found;
  };
  const store = (
    logGroupName: string,
    logStreamName: string,
    events: { timestamp: number; message: string }[],
  ) => {
    const stored = groups.get(logGroupName) ?? [];
    for (const { timestamp, message } of events) {
      const event = { logStreamName, timestamp, message };
      nextEventId += 1;
      ids.set(event, String(nextEventId).padStart(56, '0'));
      stored.push(event);
    }
    stored.sort((a, b) => a.timestamp - b.timestamp);
    groups.set(logGroupName, stored);
  };
  const server = await startAwsJsonServer(
    { targetPrefix: 'Logs_20140328', contentType: 'application/x-amz-json-1.1' },
    {
      CreateLogGroup: (input) => {
        const name = String(input.logGroupName);
        if (groups.has(name)) {
          throw new AwsJsonError('ResourceAlreadyExistsException', 'The specified log group already exists');
        }
        groups.set(name, []);
      },
      CreateLogStream: (input) => {
        group(input.logGroupName);
      },
      PutLogEvents: (input) => {
        group(input.logGroupName);
        store(
          String(input.logGroupName),
          String(input.logStreamName),
          input.logEvents as { timestamp: number; message: string }[],
        );
        return { nextSequenceToken: String(nextEventId) };
      },
      FilterLogEvents: (input) => {
        const matches = filterPatternMatcher(input.filterPattern as string | undefined);
        const from = (input.startTime as number | undefined) ?? 0;
        const to = (input.endTime as number | undefined) ?? Number.POSITIVE_INFINITY;
        const limit = Math.min(
          (input.limit as number | undefined) ?? 10_000,
          options.eventsPerPage ?? 10_000,
        );
        const offset = input.nextToken === undefined ? 0 : Number(input.nextToken);
        // startTime and endTime are both inclusive in CloudWatch Logs.
        const found = group(input.logGroupName).filter(
          (event) => event.timestamp >= from && event.timestamp <= to && matches(event.message),
        );
        const page = found.slice(offset, offset + limit);
        return {
          events: page.map((event) => ({
            ...event,
            ingestionTime: event.timestamp,
            eventId: ids.get(event),
          })),
          ...(found.length > offset + limit ? { nextToken: String(offset + limit) } : {}),
        };
      },
    },
  );
  return {
    ...server,
    addEvents: store,
    filterRequests: () => server.calls.filter((call) => call.operation === 'FilterLogEvents').length,
  };
}
