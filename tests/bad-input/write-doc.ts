import { writeFileSync } from 'node:fs';
import { collectSections, DOC_PATH, renderBadInputDoc } from './bad-input-doc.ts';

const sections = await collectSections();
writeFileSync(DOC_PATH, renderBadInputDoc(sections));
console.log(`wrote ${DOC_PATH}: ${sections.reduce((n, s) => n + s.rows.length, 0)} rows`);
process.exit(0);
