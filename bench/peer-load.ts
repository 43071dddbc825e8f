import { Agent, request } from 'node:http';

/**
 * Child process of `pnpm bench peer`: the load generator, in its own process so its CPU is not the
 * parent's or a target's. node:http with a keep-alive agent (one socket per request in flight), the
 * lightest client Node has; the parent sends one job at a time over IPC and gets the figures back.
 * A job keeps `inFlight` requests going for `seconds`; every answer must be a 200 with a chat
 * completion in it, else the job reports an error and the parent fails the run.
 */

export interface LoadJob {
  url: string;
  /** Headers of every request; `keys`, if any, are sent as `authorization: Bearer …` in turn. */
  headers: Record<string, string>;
  keys?: string[];
  body: string;
  inFlight: number;
  seconds: number;
  /** Stop after this many calls, if sooner than `seconds`. */
  count?: number;
  /** A response header every answer must carry with this value (e.g. Tollgate's `x-tollgate-cached: false`). */
  mustHeader?: [string, string];
}

export interface LoadResult {
  completed: number;
  seconds: number;
  /** Each call's latency in ms, sorted; at most 20,000 kept (evenly spaced calls beyond that). */
  latencies: number[];
  error: string | null;
}

async function runJob(job: LoadJob): Promise<LoadResult> {
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.inFlight });
  const samples: number[] = [];
  let completed = 0;
  let next = 0;
  let error: string | null = null;
  let begun = 0;
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(job.seconds * 1e9));
  const one = () =>
    new Promise<void>((resolve) => {
      const key = job.keys?.length ? job.keys[next++ % job.keys.length] : undefined;
      const t0 = process.hrtime.bigint();
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: {
            ...job.headers,
            ...(key ? { authorization: `Bearer ${key}` } : {}),
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(job.body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            if (res.statusCode !== 200 || !text.includes('"choices"')) error ??= `${job.url}: HTTP ${res.statusCode} ${text.slice(0, 300)}`;
            else if (job.mustHeader && res.headers[job.mustHeader[0]] !== job.mustHeader[1])
              error ??= `${job.url}: ${job.mustHeader[0]} was ${String(res.headers[job.mustHeader[0]])}, not ${job.mustHeader[1]}`;
            else {
              completed += 1;
              samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
            }
            resolve();
          });
        },
      );
      req.on('error', (err) => {
        error ??= `${job.url}: ${err.message}`;
        resolve();
      });
      req.end(job.body);
    });
  await Promise.all(
    Array.from({ length: job.inFlight }, async () => {
      while (!error && process.hrtime.bigint() < deadline && begun < (job.count ?? Infinity)) {
        begun += 1;
        await one();
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  samples.sort((a, b) => a - b);
  const step = Math.max(1, Math.ceil(samples.length / 20_000));
  return { completed, seconds, latencies: samples.filter((_, i) => i % step === 0), error };
}

process.on('message', (job: LoadJob) => {
  runJob(job).then(
    (result) => process.send!(result),
    (err) => process.send!({ completed: 0, seconds: 0, latencies: [], error: String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send!({ ready: true });
