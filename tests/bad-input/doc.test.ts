import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOC_PATH, expectedDocTests } from './bad-input-doc.ts';

/** Reads back the doc's table rows: the Answer and Test columns. */
function docRows(): Array<{ answer: string; test: string }> {
  return readFileSync(DOC_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('| ') && !/^\| (Door |-)/.test(line))
    .map((line) => {
      const cells = line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/\\\|/g, '|'));
      return {
        answer: (cells[3] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
        test: (cells[5] ?? '').replace(/^`|`$/g, ''),
      };
    });
}

describe('docs/bad-input.md', () => {
  it('has one row per bad-input test, and a test for every row, with the answer the test expects', () => {
    const rows = docRows();
    const expected = expectedDocTests();
    // Regenerate with `node bin/run-ts.js tests/bad-input/write-doc.ts` when a case list changes.
    expect(rows.map((row) => row.test)).toEqual(expected.map((e) => e.test));
    for (const [i, row] of rows.entries()) {
      expect(row.answer, row.test).toMatch(
        new RegExp(`^${expected[i]!.answerStart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z_])`),
      );
    }
  });
});
