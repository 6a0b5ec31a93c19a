import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { importCycles, projectRoots, relativeImportGraph, workspaceImportCycles } from '../src/import-cycles';

const WORKSPACE = resolve(__dirname, '../../..');

describe('import cycles', () => {
  it('there is none inside any app, lib or tool (type-only imports count)', () => {
    expect(projectRoots(WORKSPACE).length).toBeGreaterThan(10);
    expect(workspaceImportCycles(WORKSPACE)).toEqual([]);
  });

  it('finds a cycle of type-only imports and one through an index re-export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b';\nexport type A = { b?: B };\n");
    writeFileSync(join(dir, 'b.ts'), "import type { A } from './a';\nexport type B = { a?: A };\n");
    writeFileSync(join(dir, 'sub/index.ts'), "export * from './c';\n");
    writeFileSync(join(dir, 'sub/c.ts'), "import { d } from '..//d';\nexport const c = d;\n");
    writeFileSync(join(dir, 'd.ts'), "import { c } from './sub';\nexport const d = 1; void c;\n");
    writeFileSync(join(dir, 'e.ts'), "import { d } from './d';\nexport const e = d;\n");
    const cycles = importCycles(relativeImportGraph(dir)).map((c) => c.map((f) => f.slice(dir.length + 1)));
    expect(cycles).toEqual(expect.arrayContaining([['a.ts', 'b.ts'], ['d.ts', 'sub/c.ts', 'sub/index.ts']]));
    expect(cycles).toHaveLength(2);
  });
});
