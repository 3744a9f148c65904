import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  type EngineFigures,
  RESULTS_END,
  RESULTS_START,
  replaceResults,
  resultsBlock,
} from '../../scripts/lib/clinc-docs.js';

const engine = (label: string, p50Ms: number): EngineFigures => ({
  label,
  inScopeAccuracy: 92.444,
  oosRecall: 58.1,
  buildMs: 1460,
  buildCpuMs: 1430,
  p50Ms,
  p99Ms: p50Ms * 5,
  heapMB: 25.44,
});
const facts = { date: '2026-11-29', cores: 2, node: '20.20.2', load: 1.234 };

describe('the CLINC150 results in docs/clinc150.md', () => {
  it('are a table the benchmark writes, with how Factdesk compares for speed', () => {
    const block = resultsBlock([engine('Factdesk matcher', 0.1), engine('minisearch', 8)], facts);
    expect(block.split('\n')).toEqual([
      '2026-11-29, 2-core machine shared with other jobs (load average 1.2 at the end: timings are noisy, accuracy is not), Node 20.20.2; one run.',
      '',
      '| engine | in-scope acc. | oos recall | build (wall / cpu) | p50 | p99 | memory |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      '| Factdesk matcher | 92.44 | 58.1 | 1.46 s / 1.43 s | 0.100 ms | 0.50 ms | 25.4 MB |',
      '| minisearch | 92.44 | 58.1 | 1.46 s / 1.43 s | 8.000 ms | 40.00 ms | 25.4 MB |',
      '',
      'Against minisearch: p50 80.0x faster, p99 80.0x faster, build 1.0x faster.',
    ]);
  });

  it('replace only what is between the markers, and refuse a page without them', () => {
    const page = `# Title\n\nintro\n\n${RESULTS_START}\nold table\n${RESULTS_END}\n\nafter\n`;
    const once = replaceResults(page, 'new table');
    expect(once).toBe(`# Title\n\nintro\n\n${RESULTS_START}\nnew table\n${RESULTS_END}\n\nafter\n`);
    expect(replaceResults(once, 'new table')).toBe(once);
    expect(() => replaceResults('# no markers', 'x')).toThrow(/markers are missing/);
  });

  it('has its markers in the committed page, and the README copies none of its figures', () => {
    const page = readFileSync('docs/clinc150.md', 'utf8');
    expect(page.indexOf(RESULTS_START)).toBeGreaterThan(0);
    expect(page.indexOf(RESULTS_END)).toBeGreaterThan(page.indexOf(RESULTS_START));
    const readme = readFileSync('README.md', 'utf8');
    const clinc = readme.slice(readme.indexOf('**CLINC150**'));
    expect(clinc).toContain('docs/clinc150.md');
    expect(clinc.slice(0, clinc.indexOf('\n\n'))).not.toMatch(/\d+\.\d+ ?%/);
  });
});
