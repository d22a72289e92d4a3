/**
 * The layers, one way (`npm run lint` checks them):
 *   parsers/                 the notes model and the parser: imports nothing from src/
 *   src/domain               shared records, types, errors, the release view, GitHub links and the redactor
 *   core (pure)              classify, diff, render (item markup, messages, templates, previews, escaping), config,
 *                            notes, and the pure parts of deliver, digest, site and report
 *   src/platforms            one folder per destination type behind one interface (registry.ts): schema, markup,
 *                            limits, preview, chat surface are pure; each sender (`sender.ts`) is an adapter,
 *                            loaded with import() when a destination is first posted to, and so is a chat
 *                            surface's command receiver (`receiver.ts`, `gateway.ts`), loaded by `serve`
 *   adapters                 store, github, platform senders, site/write-files, logging
 *   runners                  poll, deliver/dispatch, digest/run-digest, chat, serve, site (model, build), report/gather
 *   src/cli                  the composition root: parses the environment (config/env-schema), builds adapters
 *                            and hands them to runners; command modules and adapters load on first use
 *   src/action               the GitHub Action's entry: inputs, the Actions cache, then poll or digest through src/cli
 *   src/fakes                GitHub, Slack, Discord, Teams (msw handlers and servers) and SMTP fakes: for tests,
 *                            benchmarks and the demo
 * No two folders point at each other (no-folder-cycles).
 */
const CORE =
  '^src/(classify|diff|render|config|notes\\.ts|paths\\.ts|deliver/(routing|plan-deliveries|chat-routes)|digest/(net-change|window|render-email)|site/(chart|atom|change-kind)|report/(range|merge|model|render-markdown|render-html))';
// A platform's adapters: its sender, and for a chat surface the receiver of its commands and its gateway.
const SENDERS = '^src/platforms/[^/]+/(sender|receiver|gateway)\\.ts$';
const PLATFORMS = '^src/platforms/';
const ADAPTERS = `^src/(store|github|site/write-files|log\\.ts|slack-logger\\.ts)|${SENDERS}`;
const RUNNERS = '^src/(poll|deliver/dispatch|digest/run-digest|chat|serve|site/(model|build-site)|report/gather)';
// @discordjs/formatters is left out: pure string functions (escapeMarkdown), no client, no I/O.
const ADAPTER_PACKAGES =
  '^node_modules/(kysely|pg|better-sqlite3|@octokit|discord\\.js|@discordjs/(?!formatters/)[^/]+|@slack|nodemailer|pino|standardwebhooks)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module imports itself through others.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'No two folders import each other (through others or directly): each folder sits on one layer.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platforms-below-runners',
      severity: 'error',
      comment: 'A platform is handed to the core and the runners; it never calls them.',
      from: { path: PLATFORMS },
      to: { path: [RUNNERS, '^src/cli/', '^src/(deliver|chat|site|digest|report|poll|serve)/'] },
    },
    {
      name: 'platforms-pure-but-senders',
      severity: 'error',
      comment:
        "A platform's schema, markup, limits and preview are pure: only its sender does I/O, and the platform loads it with import().",
      from: { path: PLATFORMS, pathNot: SENDERS },
      to: { path: [ADAPTERS, ADAPTER_PACKAGES], dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'render-is-below-its-users',
      severity: 'error',
      comment:
        'Presentation lives in render/: site, deliver, chat, digest, report and platforms use it, never the reverse.',
      from: { path: '^src/render/' },
      to: { path: '^src/(site|deliver|chat|digest|report|platforms|poll|serve)/' },
    },
    {
      name: 'parsers-stand-alone',
      severity: 'error',
      comment: 'parsers/ owns the notes model; src/ uses it, never the other way.',
      from: { path: '^parsers/' },
      to: { path: '^src/' },
    },
    {
      name: 'domain-at-the-bottom',
      severity: 'error',
      comment: 'Domain types import only the notes model.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'The pure core imports no adapter, runner or CLI.',
      from: { path: CORE },
      to: { path: [ADAPTERS, RUNNERS, '^src/cli/'] },
    },
    {
      name: 'core-no-io-packages',
      severity: 'error',
      comment: 'The pure core uses no database, GitHub, chat or mail client.',
      from: { path: CORE },
      to: { path: ADAPTER_PACKAGES },
    },
    {
      name: 'classify-owns-its-rules',
      severity: 'error',
      comment: 'The config composes the rule language; the classifier does not read the config.',
      from: { path: '^src/classify/' },
      to: { path: '^src/config/' },
    },
    {
      name: 'adapters-below-runners',
      severity: 'error',
      comment: 'Adapters are handed to runners; they do not call them.',
      from: { path: ADAPTERS },
      to: { path: [RUNNERS, '^src/cli/'] },
    },
    {
      name: 'cli-is-the-root',
      severity: 'error',
      comment: 'Only the CLI builds the program; nothing imports it but the action, which runs its commands.',
      from: { pathNot: '^(src/cli/|src/action/|test/)' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'action-is-an-entry',
      severity: 'error',
      comment: "The action's entry is bundled on its own (scripts/build-action.ts): nothing imports it.",
      from: { pathNot: '^(src/action/|test/)' },
      to: { path: '^src/action/' },
    },
    {
      name: 'tools-do-not-import-tests',
      severity: 'error',
      comment: 'Benchmarks and scripts use src/fakes, never test code.',
      from: { path: '^(bench|scripts)/' },
      to: { path: '^test/' },
    },
    {
      name: 'fakes-only-for-the-demo',
      severity: 'error',
      comment: 'The program never talks to a fake: only the fakes themselves and the offline demo import src/fakes.',
      from: { path: '^src/', pathNot: '^src/(fakes|demo)/' },
      to: { path: '^src/fakes/' },
    },
    {
      name: 'env-read-by-the-root',
      severity: 'error',
      comment: 'The environment is parsed once, by the CLI; others get typed values from it.',
      from: { path: '^src/', pathNot: '^src/(cli|config)/' },
      to: { path: '^src/config/env-schema\\.ts$' },
    },
    {
      name: 'cli-entry-stays-light',
      severity: 'error',
      comment:
        'main.ts and the root load commands and adapters with import() when a command runs, so --help loads commander and little else.',
      from: { path: '^src/cli/(main|context|run|io)\\.ts$' },
      to: {
        pathNot:
          '^(node_modules/commander/|src/domain/errors\\.ts$|src/store/location\\.ts$|src/paths\\.ts$|src/cli/(main|context|io|help|quiet-warnings|command-runner|actions-report)\\.ts$)',
        dependencyTypesNot: ['dynamic-import', 'type-only', 'core'],
      },
    },
    {
      name: 'kysely-through-its-cjs-build',
      severity: 'error',
      comment:
        "Store modules take kysely's values from src/store/kysely.ts (its CommonJS build: faster to load, one copy).",
      from: { path: '^src/', pathNot: '^src/store/kysely\\.ts$' },
      to: { path: '^node_modules/kysely/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'code-does-not-import-tests',
      severity: 'error',
      comment: 'src/ and parsers/ never import test code.',
      from: { path: '^(src|parsers)/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
    // As Node resolves them (@discordjs/rest exports its entry under the `node` condition only).
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['node', 'import', 'require', 'default'] },
  },
};
