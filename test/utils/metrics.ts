import type { TestApp, TestIdentity } from './setup';

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * The Prometheus text exposition format, read strictly enough to be a check of it: a line that
 * is neither a comment nor `name{label="value",…} number` fails the test that scraped it.
 */
export class Exposition {
  private constructor(
    readonly samples: Sample[],
    /** Metric family → its `# TYPE`. */
    readonly types: Map<string, string>,
  ) {}

  static parse(text: string): Exposition {
    const samples: Sample[] = [];
    const types = new Map<string, string>();
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      if (line.startsWith('#')) {
        const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
        if (type) types.set(type[1], type[2]);
        else if (!line.startsWith('# HELP ')) throw new Error(`not an exposition comment: ${line}`);
        continue;
      }
      samples.push(parseSample(line));
    }
    return new Exposition(samples, types);
  }

  /** Every sample of `name` whose labels include `labels`. */
  series(name: string, labels: Record<string, string> = {}): Sample[] {
    return this.samples.filter((sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value));
  }

  /** The one sample of `name` with these labels; undefined when there is none, an error when several match. */
  value(name: string, labels: Record<string, string> = {}): number | undefined {
    const matches = this.series(name, labels);
    if (matches.length > 1) throw new Error(`${matches.length} series of ${name} match ${JSON.stringify(labels)}; name more labels`);
    return matches[0]?.value;
  }

  /** The sum over every series of `name` with these labels (0 when there is none), e.g. a histogram's `_count` across status classes. */
  sum(name: string, labels: Record<string, string> = {}): number {
    return this.series(name, labels).reduce((total, sample) => total + sample.value, 0);
  }
}

function parseSample(line: string): Sample {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (!name) throw new Error(`no metric name: ${line}`);
  let at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === '{') {
    at++;
    while (line[at] !== '}') {
      const label = /^([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(line.slice(at));
      if (!label) throw new Error(`bad label at column ${at}: ${line}`);
      at += label[0].length;
      let value = '';
      for (; line[at] !== '"'; at++) {
        if (at >= line.length) throw new Error(`unterminated label value: ${line}`);
        if (line[at] === '\\') {
          at++;
          value += line[at] === 'n' ? '\n' : line[at];
        } else value += line[at];
      }
      labels[label[1]] = value;
      at++;
      if (line[at] === ',') at++;
      else if (line[at] !== '}') throw new Error(`expected , or } at column ${at}: ${line}`);
    }
    at++;
  }
  const rest = line.slice(at);
  const number = /^ (\S+)( -?\d+)?$/.exec(rest)?.[1];
  if (number === undefined) throw new Error(`no value: ${line}`);
  return { name, labels, value: parseValue(number, line) };
}

function parseValue(text: string, line: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`not a number: ${line}`);
  return value;
}

/** GET /metrics as `who`, checked for its content type and parsed. */
export async function scrape(t: TestApp, who: TestIdentity): Promise<Exposition> {
  const response = await t.http().get('/metrics').set(who.auth).expect(200);
  expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
  return Exposition.parse(response.text);
}
