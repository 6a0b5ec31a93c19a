import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The relative imports of every TypeScript file under `root`, type-only imports included (a type
 * cycle still ties two files' designs together), re-exports included. Specs are left out: a test
 * may import what it tests from anywhere.
 */
export function relativeImportGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((f) => f.fileName)
      .filter((spec) => spec.startsWith('./') || spec.startsWith('../'))
      .map((spec) => resolveRelative(file, spec))
      .filter((target): target is string => target !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components of more than one file, or a file importing itself: the import cycles (Tarjan). */
export function importCycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, indices.get(w) as number));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return cycles;
}

/** The cycles of every project (each folder with a project.json under apps/, libs/, tools/), as workspace-relative paths. */
export function workspaceImportCycles(workspace: string): string[][] {
  return projectRoots(workspace).flatMap((root) =>
    importCycles(relativeImportGraph(root)).map((cycle) => cycle.map((f) => relative(workspace, f))),
  );
}

export function projectRoots(workspace: string): string[] {
  const roots: string[] = [];
  const walk = (dir: string, depth: number): void => {
    if (existsSync(join(dir, 'project.json'))) {
      roots.push(dir);
      return;
    }
    if (depth === 0) return;
    for (const d of readdirSync(dir, { withFileTypes: true })) if (d.isDirectory() && d.name !== 'node_modules') walk(join(dir, d.name), depth - 1);
  };
  for (const top of ['apps', 'libs', 'tools']) if (existsSync(join(workspace, top))) walk(join(workspace, top), 3);
  return roots;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'node_modules' || d.name === 'dist' ? [] : sourceFiles(path);
    return /\.ts$/.test(d.name) && !/\.(spec|integration-spec|d)\.ts$/.test(d.name) ? [path] : [];
  });
}

function resolveRelative(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  // `./x.js` written for ESM resolution still names `./x.ts`.
  const ts = base.replace(/\.js$/, '.ts');
  return existsSync(ts) ? ts : null;
}
