import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { collectSections, DOC_PATH, renderBadInputDoc } from './bad-input-doc.ts';

const sections = await collectSections();
writeFileSync(DOC_PATH, renderBadInputDoc(sections));
// Biome aligns Markdown tables; the doc is committed as `npx biome check` wants it.
execFileSync('npx', ['biome', 'format', '--write', DOC_PATH], { stdio: 'inherit' });
console.log(`wrote ${DOC_PATH}: ${sections.reduce((n, s) => n + s.rows.length, 0)} rows`);
process.exit(0);
