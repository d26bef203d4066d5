// Unknown-field check for Kubernetes objects. kubernetes-models' validate() checks types and required fields
// but lets unknown fields through, while the API server (strict field validation, kubectl ≥ 1.27) rejects
// them: a misspelled `readinesProbe` would silently drop the probe. TypeScript's excess-property check on
// object literals catches exactly that, at every depth, against kubernetes-models' own type declarations.
import path from 'node:path';
import ts from 'typescript';
import { repoRoot } from './deploy-files.js';

export interface TypedObject {
  /** Module that declares the type, e.g. "kubernetes-models/apps/v1/Deployment". */
  module: string;
  /** Interface name, e.g. "IDeployment". */
  type: string;
  /** A label for error messages. */
  label: string;
  value: unknown;
}

/** Type-checks every object as a literal of its interface; returns one message per problem (empty: all known fields). */
export function checkKnownFields(objects: TypedObject[]): string[] {
  const file = path.join(repoRoot, 'test', 'deploy', '__k8s-field-check__.ts');
  const imports = [...new Set(objects.map((o) => `import type { ${o.type} } from '${o.module}';`))];
  const declarations = objects.map(
    (o, index) => `// ${o.label}\nexport const object${index}: ${o.type} = ${JSON.stringify(o.value, null, 1)};`,
  );
  const source = [...imports, ...declarations].join('\n');
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    path.resolve(name) === file ? ts.createSourceFile(name, source, language) : getSourceFile(name, language, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => path.resolve(name) === file || fileExists(name);
  const program = ts.createProgram([file], options, host);
  const sourceFile = program.getSourceFile(file)!;
  const lines = source.split('\n');
  return ts.getPreEmitDiagnostics(program, sourceFile).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.start === undefined) return message;
    const { line } = sourceFile.getLineAndCharacterOfPosition(diagnostic.start);
    // Name the object the problem is in: the nearest "// label" line above it.
    const label =
      lines
        .slice(0, line + 1)
        .reverse()
        .find((l) => l.startsWith('// '))
        ?.slice(3) ?? '?';
    return `${label}: ${message}`;
  });
}
