import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { DumpedEvent, KeyedState } from '@taskomask/eventstore';
import type { DumpedCredential } from '@taskomask/identity';

/**
 * A backup is one text file: a header line (JSON: format, version, the log position of the cut,
 * the counts of each section, the body's byte length and sha256), then the body, NDJSON in
 * sections — `{"section":"events","count":n}` followed by n events, then the keyed state, the
 * password hashes and the files (signing keys, kept secrets), each the same way.
 */
export const backupFormat = 'taskomask-backup';
export const backupVersion = 1;

export type BackupCounts = Readonly<{
  events: number;
  claims: number;
  counters: number;
  seeds: number;
  checkpoints: number;
  credentials: number;
  files: number;
}>;

export type BackupHeader = Readonly<{
  format: typeof backupFormat;
  version: number;
  createdAt: string;
  position: number;
  counts: BackupCounts;
  bytes: number;
  sha256: string;
}>;

/** A file from the data directory, by its role: 'identity-jwks.json', 'nextauth-secret', … */
export type BackupFile = Readonly<{ name: string; content: string }>;

/** A backup that must not be restored: damaged, truncated, or not a backup at all. */
export class BadBackupError extends Error {
  constructor(file: string, reason: string) {
    super(`${file} cannot be restored: ${reason}; nothing was written`);
    this.name = 'BadBackupError';
  }
}

// The schema version comes last: rows written before it was kept have 7 fields and read as v1.
type EventRow = [number, string, number, string, string, string, string, number?];
const toRow = (e: DumpedEvent): EventRow => [
  e.globalPosition,
  e.streamName,
  e.streamVersion,
  e.type,
  e.occurredAt,
  e.metadata,
  e.data,
  e.schemaVersion,
];

/** Writes the body to a temporary file while hashing it, then the header and the body to `file`. */
export async function writeBackup(
  file: string,
  {
    position,
    keyed,
    events,
    credentials,
    files,
  }: {
    position: number;
    keyed: KeyedState;
    /** Batches of the log from 1 to `position`, in order. */
    events: AsyncIterable<readonly DumpedEvent[]>;
    credentials: readonly DumpedCredential[];
    files: readonly BackupFile[];
  },
): Promise<BackupHeader> {
  const bodyFile = `${file}.body.tmp`;
  const hash = createHash('sha256');
  let bytes = 0;
  const body = createWriteStream(bodyFile, { mode: 0o600 });
  const write = async (value: unknown) => {
    const line = Buffer.from(`${JSON.stringify(value)}\n`);
    hash.update(line);
    bytes += line.length;
    if (!body.write(line))
      await new Promise<void>((resolve) => body.once('drain', () => resolve()));
  };
  try {
    await write({ section: 'events', count: position });
    let expected = 1;
    for await (const batch of events) {
      for (const e of batch) {
        if (e.globalPosition !== expected) {
          throw new Error(`the log has position ${e.globalPosition} where ${expected} was due`);
        }
        expected++;
        await write(toRow(e));
      }
    }
    if (expected !== position + 1) {
      throw new Error(`the log ended at ${expected - 1} before the cut at ${position}`);
    }
    await write({ section: 'keyed', count: 1 });
    await write(keyed);
    await write({ section: 'credentials', count: credentials.length });
    for (const c of credentials) await write(c);
    await write({ section: 'files', count: files.length });
    for (const f of files) await write(f);
    await closeStream(body);

    const header: BackupHeader = {
      format: backupFormat,
      version: backupVersion,
      createdAt: new Date().toISOString(),
      position,
      counts: {
        events: position,
        claims: keyed.claims.length,
        counters: keyed.counters.length,
        seeds: keyed.seeds.length,
        checkpoints: keyed.checkpoints.length,
        credentials: credentials.length,
        files: files.length,
      },
      bytes,
      sha256: hash.digest('hex'),
    };
    const partial = `${file}.tmp`;
    const out = createWriteStream(partial, { mode: 0o600 });
    out.write(`${JSON.stringify(header)}\n`);
    for await (const chunk of createReadStream(bodyFile)) {
      if (!out.write(chunk))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await closeStream(out);
    const handle = await open(partial, 'r');
    await handle.sync();
    await handle.close();
    await rename(partial, file);
    return header;
  } finally {
    body.destroy();
    await rm(bodyFile, { force: true });
  }
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

/** The header line, checked to be one of ours. */
export async function readHeader(file: string): Promise<{ header: BackupHeader; offset: number }> {
  const size = (await stat(file)).size;
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(buffer, 0, buffer.length, 0);
    const end = buffer.indexOf(10);
    if (end < 0) throw new BadBackupError(file, 'it has no header line');
    let header: BackupHeader;
    try {
      header = JSON.parse(buffer.subarray(0, end).toString('utf8')) as BackupHeader;
    } catch {
      throw new BadBackupError(file, 'its header line is not JSON');
    }
    if (header?.format !== backupFormat)
      throw new BadBackupError(file, 'it is not a TaskoMask backup');
    if (header.version !== backupVersion) {
      throw new BadBackupError(
        file,
        `it has format version ${header.version}, this tool reads ${backupVersion}`,
      );
    }
    return { header, offset: end + 1 };
  } finally {
    await handle.close();
  }
}

/** The body's length and checksum against the header's: a truncated or damaged file fails here. */
export async function verifyChecksum(file: string): Promise<BackupHeader> {
  const { header, offset } = await readHeader(file);
  const size = (await stat(file)).size;
  if (size - offset !== header.bytes) {
    throw new BadBackupError(
      file,
      `it is truncated or extended: the body has ${size - offset} bytes, the header says ${header.bytes}`,
    );
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { start: offset })) hash.update(chunk);
  const sha256 = hash.digest('hex');
  if (sha256 !== header.sha256) {
    throw new BadBackupError(
      file,
      `its checksum does not match (sha256 ${sha256}, header ${header.sha256})`,
    );
  }
  return header;
}

export type BackupSink = Readonly<{
  events(batch: readonly DumpedEvent[]): Promise<void>;
  keyed(state: KeyedState): Promise<void>;
  credentials(credentials: readonly DumpedCredential[]): Promise<void>;
  files(files: readonly BackupFile[]): Promise<void>;
}>;

/**
 * Reads the body section by section into `sink`, checking it against the header: section order
 * and counts, positions 1..position without a gap, each stream's versions 1, 2, … Run once with a
 * sink that writes nothing to check a file whole before loading it.
 */
export async function readBackup(
  file: string,
  sink: BackupSink,
  { batchSize = 5_000 }: { batchSize?: number } = {},
): Promise<BackupHeader> {
  const { header, offset } = await readHeader(file);
  const lines = createInterface({
    input: createReadStream(file, { start: offset }),
    crlfDelay: Infinity,
  });
  const iterator = lines[Symbol.asyncIterator]();
  let lineNumber = 1;
  const next = async (): Promise<unknown> => {
    const { value, done } = await iterator.next();
    lineNumber++;
    if (done) throw new BadBackupError(file, `it ends early at line ${lineNumber}`);
    try {
      return JSON.parse(value);
    } catch {
      throw new BadBackupError(file, `line ${lineNumber} is not JSON`);
    }
  };
  const section = async (name: string, count: number) => {
    const line = (await next()) as { section?: string; count?: number };
    if (line?.section !== name || line.count !== count) {
      throw new BadBackupError(
        file,
        `line ${lineNumber} should open section ${name} with ${count} entries`,
      );
    }
  };
  try {
    await section('events', header.counts.events);
    const versions = new Map<string, number>();
    let batch: DumpedEvent[] = [];
    for (let position = 1; position <= header.counts.events; position++) {
      const row = (await next()) as EventRow;
      if (
        !Array.isArray(row) ||
        (row.length !== 7 && row.length !== 8) ||
        row[0] !== position ||
        (row[7] !== undefined && !(Number.isInteger(row[7]) && row[7] >= 1))
      ) {
        throw new BadBackupError(
          file,
          `line ${lineNumber} is not the event at position ${position}`,
        );
      }
      const [globalPosition, streamName, streamVersion, type, occurredAt, metadata, data] = row;
      const schemaVersion = row[7] ?? 1;
      const version = (versions.get(streamName) ?? 0) + 1;
      if (streamVersion !== version) {
        throw new BadBackupError(
          file,
          `line ${lineNumber} has version ${streamVersion} of ${streamName}, ${version} was due`,
        );
      }
      versions.set(streamName, version);
      batch.push({
        globalPosition,
        streamName,
        streamVersion,
        type,
        occurredAt,
        metadata,
        data,
        schemaVersion,
      });
      if (batch.length === batchSize) {
        await sink.events(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await sink.events(batch);
    await section('keyed', 1);
    const keyed = (await next()) as KeyedState;
    const { counts } = header;
    if (
      keyed?.claims?.length !== counts.claims ||
      keyed.counters?.length !== counts.counters ||
      keyed.seeds?.length !== counts.seeds ||
      keyed.checkpoints?.length !== counts.checkpoints
    ) {
      throw new BadBackupError(
        file,
        `line ${lineNumber} does not hold the keyed state the header counts`,
      );
    }
    await sink.keyed(keyed);
    await section('credentials', counts.credentials);
    const credentials: DumpedCredential[] = [];
    for (let i = 0; i < counts.credentials; i++)
      credentials.push((await next()) as DumpedCredential);
    await sink.credentials(credentials);
    await section('files', counts.files);
    const files: BackupFile[] = [];
    for (let i = 0; i < counts.files; i++) files.push((await next()) as BackupFile);
    await sink.files(files);
    const { done } = await iterator.next();
    if (!done) throw new BadBackupError(file, `it goes on after line ${lineNumber}`);
    return header;
  } finally {
    lines.close();
  }
}
