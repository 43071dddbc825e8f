// Rewrites imports that cross a module boundary (server/src/modules/<m>/) to that module's face, <m>/index.ts,
// and regenerates each face from what other code actually imports. Run from the repo root:
//   node scripts/module-faces.mjs            (report only)
//   node scripts/module-faces.mjs --write    (rewrite imports, write every modules/<m>/index.ts)
// A name that is only a type is re-exported with `export type` so that swc (which compiles file by file) emits no
// runtime import for it; a face re-exports names only, so importing it never runs a module's resolvers.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.resolve('server/package.json'));
const ts = require('typescript');
const write = process.argv.includes('--write');
/** Each module's services, named in its face as types (consumers receive them by injection) even when no module imports them. */
const SERVICES = {
  admin: { 'suspension.service.ts': ['SuspensionService'], 'admin.module.ts': ['Admin'] },
  analytics: { 'economics.service.ts': ['UserEconomicsService'], 'reconciliation.service.ts': ['ReconciliationService'], 'analytics.module.ts': ['Analytics'] },
  auth: { 'auth.service.ts': ['AuthService'], 'api-key.service.ts': ['ApiKeyService'], 'principal.ts': ['Principal'] },
  billing: { 'billing.service.ts': ['BillingService'], 'subscription.service.ts': ['SubscriptionService'], 'auto-recharge.service.ts': ['AutoRechargeService'], 'billing.module.ts': ['Billing'] },
  catalog: { 'catalog.service.ts': ['CatalogService'], 'catalog-admin.service.ts': ['CatalogAdminService'] },
  gateway: { 'gateway.service.ts': ['GatewayService'], 'byok/provider-key.service.ts': ['ProviderKeyService'] },
  ledger: { 'ledger.service.ts': ['LedgerService'], 'ledger.reads.ts': ['LedgerReads'] },
  mail: { 'mail.service.ts': ['MailService'] },
  openrouter: { 'openrouter.module.ts': ['OpenRouterAutomation'] },
  metering: { 'metering.service.ts': ['MeteringService'], 'overage.service.ts': ['OverageService'] },
  promotions: { 'coupon.service.ts': ['CouponService'], 'gift.service.ts': ['GiftService'], 'promotions.module.ts': ['Promotions'] },
  teams: { 'teams.service.ts': ['TeamsService'], 'invitations.service.ts': ['InvitationsService'], 'teams.module.ts': ['Teams'] },
};
/** Two files of one module export the same name: the face renames the GraphQL object type. */
const ALIASES = { 'catalog/catalog.types.ts': { Tier: 'TierType' }, 'auth/auth.types.ts': { User: 'UserType' } };
const src = path.resolve('server/src');
const modulesDir = path.join(src, 'modules');

/** Code that must reach a module only through its face: other modules, test support, platform. */
function facedImporter(file) {
  const rel = path.relative(src, file);
  return rel.startsWith('modules/') || rel.startsWith('test-support/') || rel.startsWith('platform/');
}
const moduleOf = (file) => {
  const rel = path.relative(modulesDir, file);
  return rel.startsWith('..') ? null : rel.split(path.sep)[0];
};
const faceOf = (m) => path.join(modulesDir, m, 'index.ts');

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}
const files = walk(src);
const program = ts.createProgram(files, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();

function resolveTarget(from, spec) {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base.replace(/\.js$/, '.ts'), path.join(base, 'index.ts')]) if (fs.existsSync(c)) return c;
  return null;
}

/** Is the exported `name` of `file` a value at runtime (class, function, const, enum) or only a type? */
function isValue(file, name) {
  const sf = program.getSourceFile(file);
  const sym = checker.getSymbolAtLocation(sf);
  const exp = sym && checker.getExportsOfModule(sym).find((s) => s.name === name);
  if (!exp) throw new Error(`${path.relative(src, file)} exports no ${name}`);
  const target = exp.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exp) : exp;
  return (target.flags & ts.SymbolFlags.Value) !== 0;
}

/** Where the current face of `m` takes `exported` from: its file and the name there. */
function faceExport(m, exported) {
  const sf = program.getSourceFile(faceOf(m));
  for (const st of sf.statements) {
    if (!ts.isExportDeclaration(st) || !st.exportClause) continue;
    for (const el of st.exportClause.elements) {
      if (el.name.text === exported) return { file: resolveTarget(faceOf(m), st.moduleSpecifier.text), name: (el.propertyName ?? el.name).text };
    }
  }
  throw new Error(`${m}/index.ts exports no ${exported}`);
}
const faces = new Map(); // module -> Map(name -> { file, value })
const edits = new Map(); // file -> [{ start, end, text }]
const problems = [];
for (const file of files) {
  if (!facedImporter(file)) continue;
  const sf = program.getSourceFile(file);
  const own = moduleOf(file);
  for (const st of sf.statements) {
    if (!(ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) || !st.moduleSpecifier) continue;
    const spec = st.moduleSpecifier.text;
    const target = resolveTarget(file, spec);
    const m = target && moduleOf(target);
    // Shared test helpers (another module's __tests__/support.ts) are test code, not part of any face.
    if (!m || m === own || target.includes(`${path.sep}__tests__${path.sep}`)) continue;
    if (target === faceOf(m)) {
      // Already through the face: keep what it names where the face found it.
      const face = faces.get(m) ?? new Map();
      faces.set(m, face);
      const names = ts.isImportDeclaration(st) ? (st.importClause?.namedBindings?.elements ?? []) : (st.exportClause?.elements ?? []);
      for (const el of names) {
        const exported = (el.propertyName ?? el.name).text;
        const from = faceExport(m, exported);
        face.set(exported, { file: from.file, name: from.name, value: isValue(from.file, from.name) });
      }
      continue;
    }
    const alias = ALIASES[path.relative(modulesDir, target)] ?? {};
    const names = [];
    const list = edits.get(file) ?? [];
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      if (!clause || clause.name || (clause.namedBindings && !ts.isNamedImports(clause.namedBindings))) {
        problems.push(`${path.relative(src, file)}: ${st.getText(sf)} (side-effect, default or namespace import)`);
        continue;
      }
      for (const el of clause.namedBindings?.elements ?? []) {
        const name = (el.propertyName ?? el.name).text;
        names.push(name);
        if (alias[name]) list.push({ start: el.getStart(sf), end: el.getEnd(), text: `${el.isTypeOnly ? 'type ' : ''}${alias[name]} as ${el.name.text}` });
      }
    } else {
      for (const el of st.exportClause?.elements ?? []) {
        if (alias[(el.propertyName ?? el.name).text]) problems.push(`${path.relative(src, file)}: re-exports an aliased name`);
        names.push((el.propertyName ?? el.name).text);
      }
    }
    const face = faces.get(m) ?? new Map();
    faces.set(m, face);
    for (const name of names) {
      const prev = face.get(alias[name] ?? name);
      if (prev && prev.file !== target) problems.push(`${m}: ${name} from both ${path.relative(src, prev.file)} and ${path.relative(src, target)}`);
      face.set(alias[name] ?? name, { file: target, name, value: isValue(target, name) });
    }
    let rel = path.relative(path.dirname(file), path.join(modulesDir, m, 'index.js'));
    if (!rel.startsWith('.')) rel = `./${rel}`;
    list.push({ start: st.moduleSpecifier.getStart(sf), end: st.moduleSpecifier.getEnd(), text: `'${rel}'` });
    edits.set(file, list);
  }
}

for (const [m, services] of Object.entries(SERVICES)) {
  const face = faces.get(m) ?? new Map();
  faces.set(m, face);
  for (const [rel, names] of Object.entries(services)) {
    for (const name of names) if (!face.has(name)) face.set(name, { file: path.join(modulesDir, m, rel), name, value: false });
  }
}
for (const [m, face] of [...faces].sort()) {
  const byFile = new Map();
  for (const [exported, { file, name, value }] of face) {
    const e = byFile.get(file) ?? { values: [], types: [] };
    (value ? e.values : e.types).push(exported === name ? name : `${name} as ${exported}`);
    byFile.set(file, e);
  }
  const lines = [];
  for (const [file, { values, types }] of [...byFile].sort(([a], [b]) => a.localeCompare(b))) {
    const from = `./${path.relative(path.join(modulesDir, m), file).replace(/\.ts$/, '.js')}`;
    if (values.length) lines.push(`export { ${values.sort().join(', ')} } from '${from}';`);
    if (types.length) lines.push(`export type { ${types.sort().join(', ')} } from '${from}';`);
  }
  const text = `// The ${m} module's face: its services and what other modules use from it; import ${m} only through this file.\n// Generated by scripts/module-faces.mjs from the imports; a name that is only a type is exported as one.\n${lines.join('\n')}\n`;
  console.log(`--- ${m}/index.ts (${face.size} names)\n${text}`);
  if (write) fs.writeFileSync(faceOf(m), text);
}
for (const [file, list] of edits) {
  console.log(`${path.relative(src, file)}: ${list.length} import(s) to faces`);
  if (!write) continue;
  let text = fs.readFileSync(file, 'utf8');
  for (const e of list.sort((a, b) => b.start - a.start)) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  fs.writeFileSync(file, text);
}
for (const p of problems) console.log(`PROBLEM ${p}`);
