import { type ChangeEvent, useState } from 'react';
import { ApiError, describeError, postText } from '../api/client.ts';

type RowError = { row: number; field: string; message: string };

/** Upload a catalog CSV; the server takes all of it or none, and names each bad row. */
export function CsvImport(props: { onImported(): void }) {
  const [result, setResult] = useState<string | null>(null);
  const [rows, setRows] = useState<RowError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setResult(null);
    setRows([]);
    try {
      const done = await postText<{ created: number; updated: number }>(
        '/api/catalog/import',
        await file.text(),
        'text/csv',
      );
      setError(null);
      setResult(`${file.name}: ${done.created} created, ${done.updated} updated.`);
      props.onImported();
    } catch (caught) {
      setError(`${file.name} not imported: ${describeError(caught)}`);
      const details =
        caught instanceof ApiError ? (caught.details?.rows as RowError[] | undefined) : undefined;
      setRows(details ?? []);
    }
  };
  return (
    <div className="csv-import">
      <label className="button">
        Import CSV
        <input type="file" accept=".csv,text/csv" onChange={upload} hidden />
      </label>
      {result && <p className="ok-text">{result}</p>}
      {error && (
        <div className="error" role="alert">
          {error}
          {rows.length > 0 && (
            <ul>
              {rows.slice(0, 20).map((r) => (
                <li key={`${r.row}-${r.field}`}>
                  row {r.row}, {r.field}: {r.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
