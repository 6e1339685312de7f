import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify';
import type { Db } from '../db/database.ts';
import { AppError } from '../shared/app-error.ts';
import type { Clock } from '../shared/clock.ts';
import type { IdGenerator } from '../shared/ids.ts';
import { CATALOG_CSV_COLUMNS } from './csv/catalog-csv-format.ts';
import { countVariants, exportCatalogRecords } from './csv/export-catalog-csv.service.ts';
import { importCatalogCsv } from './csv/import-catalog-csv.service.ts';
import type { CsvRowError } from './csv/read-catalog-csv.ts';

export interface CliIo {
  print(line: string): void;
  printError(line: string): void;
  /** Shows a progress bar on a terminal; false in tests and when output is piped. */
  progress: boolean;
}

function progressBar(io: CliIo, label: string) {
  if (!io.progress) return { start() {}, update() {}, stop() {} };
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} rows | ETA {eta}s` });
  return {
    start: (total: number) => bar.start(total, 0),
    update: (done: number) => bar.update(done),
    stop: () => bar.stop(),
  };
}

/** `tillsync import-csv <file>`: exit code 0 on success, 1 when the file is refused (nothing imported). */
export async function importCsvCommand(
  db: Db,
  deps: { clock: Clock; newId: IdGenerator },
  file: string,
  io: CliIo,
): Promise<number> {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) {
    io.printError(`${file} is not a regular file`);
    return 1;
  }
  const text = readFileSync(file, 'utf8');
  const bar = progressBar(io, 'importing');
  let started = false;
  try {
    const result = await db.kysely.transaction().execute((trx) =>
      importCatalogCsv(trx, deps, text, (done, total) => {
        if (!started) bar.start(total);
        started = true;
        bar.update(done);
      }),
    );
    bar.stop();
    io.print(
      `imported ${file}: ${result.created} variant(s) created, ${result.updated} updated, ${result.unchanged} unchanged`,
    );
    return 0;
  } catch (error) {
    bar.stop();
    if (!(error instanceof AppError)) throw error;
    io.printError(`${file} was not imported: ${error.message}`);
    const rows = (error.details?.rows ?? []) as CsvRowError[];
    for (const row of rows) io.printError(`  row ${row.row}, ${row.field}: ${row.message}`);
    return 1;
  }
}

/** `tillsync export-csv <file>`: streams every variant to the file. */
export async function exportCsvCommand(db: Db, file: string, io: CliIo): Promise<number> {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (stat && !stat.isFile()) {
    io.printError(`${file} exists and is not a regular file`);
    return 1;
  }
  const total = await countVariants(db.kysely);
  const bar = progressBar(io, 'exporting');
  bar.start(total);
  let done = 0;
  async function* counted() {
    for await (const record of exportCatalogRecords(db.kysely)) {
      yield record;
      if (++done % 500 === 0) bar.update(done);
    }
  }
  await pipeline(
    Readable.from(counted()),
    stringify({ header: true, columns: [...CATALOG_CSV_COLUMNS] }),
    createWriteStream(file),
  );
  bar.update(done);
  bar.stop();
  io.print(`exported ${done} variant(s) to ${file}`);
  return 0;
}
