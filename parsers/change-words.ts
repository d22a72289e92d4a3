/**
 * The words that say what kind of change an item is, when its heading does not (see change.ts for the
 * order they are tried in). Vocabulary is data: each group says what it covers; none is written for one
 * bullet. `LEAD` is stripped first, so "tf.lite: Fix …", "[MPS] Fix …" and "**scope:** fix …" read as "Fix …".
 */
import type { ChangeKind } from './change.js';

/**
 * Leading tags that are not the item's first words: `[MPS]`, `**scope:**`, `tf.lite:`, `Keras: `, `Experimental:`,
 * an audience (`For tf.data.Dataset implementers:`).
 */
export const LEAD =
  /^(?:\s*(?:\[[^\]]{1,40}\]|\*\*[^*]{1,40}:\*\*|[\w.`/ +-]{1,30}:(?=\s)|[Ff]or [\w.`/ +-]{1,40}:(?=\s)|[-*•·]|\(\w[^)]{0,30}\)|[^\w\s`"'([]+|["“](?=\w)))+\s*/u;

/**
 * What a leading tag says on its own: `[Bugfix] …`, `[Docs] …`, `[CI] …`; tests first (`Fix X UTs: …` fixes tests,
 * not the product).
 */
export const TAG_KINDS: [RegExp, ChangeKind][] = [
  [/\b(?:tests?|ci|benchmarks?|UTs)\b/i, 'other'],
  [/\b(?:bug ?fix(?:es)?|bugs?|hotfix|fix(?:es)?)\b/i, 'fix'],
  [/\b(?:docs?|documentation|examples?)\b/i, 'docs'],
];

/** A conventional-commit type: `feat:`, `fix(core):`, `refactor!:`, `build(deps):`. */
export const CONVENTIONAL =
  /^\s*(feat|feature|fix|bugfix|perf|docs?|ci|test|tests|chore|build|refactor|revert|style)(\(([^)]*)\))?(!)?:\s/i;

/** What each conventional type means; `!` makes any of them breaking. */
export const CONVENTIONAL_KINDS: Record<string, ChangeKind> = {
  feat: 'feature',
  feature: 'feature',
  fix: 'fix',
  bugfix: 'fix',
  perf: 'performance',
  doc: 'docs',
  docs: 'docs',
  ci: 'other',
  test: 'other',
  tests: 'other',
  chore: 'other',
  build: 'other',
  refactor: 'other',
  revert: 'other',
  style: 'other',
};

/**
 * Security: a vulnerability named (CVE, GHSA) or fixed; attacks on inputs (XSS, injection); memory unsafety
 * that a malformed or crafted input can trigger ("a malformed file could cause an out of bounds read").
 */
export const SECURITY =
  /\b(?:malformed|crafted|malicious|untrusted)\b[^.;]{0,80}\b(?:out[- ]of[- ]bounds|(?:buffer|heap|stack|integer) (?:overflow|underflow)|use[- ]after[- ]free|null pointer|memory corruption)|\b(?:CVE-\d{4}-\d+|GHSA(?:-\w{4}){3}|vulnerabilit(?:y|ies)|security (?:fix|issue|flaw|advisory|patch|vulnerabilit\w*)|XSS|cross-site scripting|CSRF|(?:sql|code|command|shell|script|html|header|template|prompt|path|xml|ldap|crlf|log) injection|injection (?:attack|vulnerabilit\w*|flaw))\b/i;

/**
 * The words without which a pattern below cannot match (every alternative holds one of them): a few
 * substring tests on the lower-cased title spare the pattern's scan on most items.
 */
export const NEEDS = {
  removesDeprecated: ['deprecat'],
  security: [
    'cve-',
    'ghsa',
    'vulnerab',
    'security',
    'xss',
    'cross-site',
    'csrf',
    'injection',
    'malformed',
    'crafted',
    'malicious',
    'untrusted',
  ],
  deprecation: ['deprecat', 'will ', 'last ', 'final ', 'removal', 'should', 'replace all', 'warn'],
};
export const mentions = (lower: string, needs: readonly string[]) => needs.some((w) => lower.includes(w));

/** The removal of something already deprecated: breaking, although the word "deprecated" is there. */
export const REMOVES_DEPRECATED =
  /^(?:remov(?:e|es|ed|ing)|drop(?:s|ped|ping)?|delet\w*|prun\w*)\b[^.;]{0,40}\bdeprecated\b|\b(?:finish|complet)\w* (?:the )?deprecation\b|\bdeprecated\b[^.;]{0,80}\b(?:ha(?:s|ve) been|(?:is|are|was|were) (?:now )?)removed\b/i;

/**
 * Announced to go away, still working: also under a breaking heading. "Deprecated" counts where it is said
 * of the item ("X is deprecated", "Deprecate X", "deprecated in favour of"), not in passing ("update imports
 * for deprecated packages", "fix deprecation warnings"); "replace all uses of contrib X with X" too, and a
 * warning on use ("Issue a warning when function X is used").
 */
export const DEPRECATION =
  /^(?:deprecat(?:e|es|ed|ing|ion)\b|mark(?:s|ed)? \S+(?: \S+){0,3} (?:as )?deprecated\b)|\bdeprecated\b(?<=\b(?:is|are|was|were|has been|have been|now|being|be|been|get|gets|got|and) deprecated)|\bdeprecated (?:in favou?r|and will|since|as of|for removal|starting)|\bdeprecates\b|\bdeprecation of\b|\bdeprecation warnings? (?:(?:has|have) been |are |were |is )?(?:added|emitted|raised|issued)|\b(?:add|emit|rais|issu)\w* (?:a )?deprecation warnings?\b|\bwill (?:be (?:removed|dropped|deleted|disabled)|no longer be (?:supported|available))\b|\b(?:last|final) (?:release|version)\b[^.;]{0,30}\bsupport|\b(?:and|while|by|after) deprecating\b|\bscheduled for removal\b|\bdefer(?:s|red)? (?:the )?removal\b|\bshould (?:now )?(?:switch|migrate|move) to\b|^replace all (?:occurrences|uses|usages) of\b|\bwarn\w* (?:when|if) (?:the )?(?:(?:function|method|class|module|argument|parameter|option|api)s? )?\S+ (?:(?:function|method|class|module|argument|parameter|option|api)s? )?(?:is|are) (?:still )?used\b/i;

/**
 * Breaking, wherever it is listed: what stops working, what is now required, a default that changed, an
 * error now raised (not what a thing "is required to allow"), a quoted name or value replaced (`the key is now "eval" instead of "test"`). (A "Fixed"/"Improvements" heading does not make a removed API less removed.)
 */
export const BREAKING =
  /^(?:upgrad|updat|bump|rais|increas)\w* (?:the )?(?:minimum |min )?(?:(?:supported |required )?(?:cuda|python|glibc|gcc|compiler|driver)\b[^.;]{0,30}\bto\b|to (?:cuda|python) ?\d)|^renam\w* (?:the )?(?:\w+ )?(?:param(?:eter)?s?|arg(?:ument)?s?|options?|fields?|functions?|methods?|class(?:es)?|modules?|packages?|attributes?|keys?|flags?|settings?)\b|\bbreaking changes?\b|\bbackwards?[- ]incompatib\w*|\bbc[- ]breaking\b|\bno longer (?:supports?|supported|accepts?|accepted|works?|allows?|allowed|returns?|available|compatible|provides?|includes?|exposes?|exposed|ships?|shipped|builds?|runs?|convertible|exported|public|possible|part of|installed|bundled|mutable|automatically)\b|\b(?:drop(?:s|ped|ping)?|remov(?:e|es|ed|ing)|end(?:s|ed)?|discontinu\w*) (?:the )?support (?:for|of)\b|\bsupport for \S+(?: \S+){0,3} (?:has been|was|is) (?:removed|dropped)\b|\bnot\b[^.;]{1,40}\banymore\b|\b(?:was|were|(?:has|have) been|is|are) (?:now )?(?:renamed or )?(?:removed|dropped|deleted)\b|\b(?:remov|drop|delet)\w* (?:[^.;]|\.(?=\S)){1,60}\bin favou?r of\b|\breplac\w* (?:the )?(?:args?|arguments?|param(?:eter)?s?|kwargs?)\b|^chang\w* (?:the )?(?:\w+ )?(?:api|signature|interface|behaviou?r|return (?:type|value))\b|\bnow\b[^.;]{0,40}\bas (?:the )?default\b|\b(?:binaries|packages?|wheels?|builds?) (?:are|is) now built (?:against|with)\b|^(?:upgrad|updat|bump)\w* (?:the )?(?:minimum )?(?:cuda|python|glibc|gcc|compiler|driver)\b[^.;]{0,30}\bto\b|\b(?:drop(?:s|ped|ping)?|remov(?:e|es|ed|ing))\s+(?:the\s+)?(?:python|cuda|rocm|cudnn|gcc|macos|ubuntu|glibc)\s?\d|\bnow requires?\b|\bis now required\b|\b(?:is|are) required\b(?! to (?:allow|enable|let|make|help|support|provide)\b)(?=[^.;]{0,30}\b(?:for|to|with)\b)|\b(?:min(?:imum)?|lowest) supported \w+(?: version)? is now\b|^chang\w* `?[\w.]*[_.][\w.]*(?:\(\))?`? to `?[\w.]*[_.][\w.]*\b|\bcompat\.v1[- ]only\b|\b(?:rais|increas|bump)\w* the (?:min(?:imum)?|lowest) (?:supported |required )?(?:\S+ ){0,2}version\b|\b(?:earlier|previous|prior|older) (?:releases|versions) (?:included|supported|shipped|provided|contained|bundled)\b|\b(?:not|instead of|rather than) [^.;()]{1,30} as (?:before|previously)\b|\b(?:is|are) now ["'`“][^"'`”]{1,40}["'`”] instead of ["'`“]|\bmust (?:now )?(?:be )?(?:updated?|changed?|migrated?|pass(?:ed)?|used?|set|upgraded?|installed?|specified?|specify|called?|imported?|explicitly)\b|\b(?:now|will) need to\b|\bnow (?:raises?|throws?|errors?(?: out)?|fails?)\b|\b(?:an? \w+ )?(?:error|exception) (?:will be|is now|is) (?:raised|thrown)\b|\bnow always\b|\b(?:is|are|(?:has|have) been) (?:now )?(?:switched|changed) from\b|\b(?:renamed|moved) (?:to|from|as)\b|\b(?:has|have) been renamed\b|\bdefaults? (?:\w+ ){0,4}(?:has |have )?(?:changed|switched)\b|\b(?:chang(?:e|es|ed|ing)|switch(?:es|ed)?|flip(?:s|ped)?) (?:the )?default\b|\bdefault(?:s| value)? (?:\w+ ){0,3}(?:is|are) now\b|\bnow defaults? to\b|\bdefaults? (?:back )?to \S+ instead of\b|\b\d+(?:\.\d+)? ?(?:→|->) ?\d+(?:\.\d+)?\b(?<=default\b[^.;]{0,40})/i;

/**
 * A named API moved to another module, header or path ("Move ShardIndex class to loom/core/index.h",
 * "Moved foo.bar_baz to distributions.util"): its old import or include stops working, as with a rename. What is
 * moved is named in code (a dotted, slashed or snake_case name, CamelCase, a code span; not a private `_x` or
 * `_impl` name), and so is where it goes (a path, a dotted or `::` name). Not a move out of contrib or
 * experimental (it graduates, see PROMOTED), nor one that keeps an alias or a re-export, nor build rules, targets,
 * tests, benchmarks, scripts, examples, docs or CI moved, nor a move within the repository's layout, nor a
 * document (`.md`, `.rst`, config files).
 */
export const MOVED_API =
  /^(?![^;]*\b(?:alias\w*|re-?export\w*|still (?:available|importable|exported))\b)[Mm]ov(?:e|es|ed)\s+(?:the\s+)?(?!\S*(?:contrib|experimental))(?![^.;]*\b(?:rules?|targets?|tests?|benchmarks?|bench|scripts?|examples?|docs?|readme|changelog|ci|workflows?|monorepo|repository|repo)\b)(?!\S*\.(?:md|rst|txt|json|ya?ml|toml|cfg|ini)(?=[\s`,;:)]|$))(?=`|\S*[a-z0-9][./][a-z]|[a-z]+_[a-z]|[A-Z][a-z0-9]+[A-Z])(?!_|\S*_impl\b)\S+(?:\s+(?!to\b)[\w-]+){0,2}\s+to\s+(?:the\s+)?`?@?[\w-]+(?:\/|\.(?=\w)|::)[\w./:-]*/;

/**
 * A public name given in place of another ("Export the zip reader as loom.io.ZipReader instead of
 * loom.archive.ZipReader", "The Shard message is now declared in shard.proto instead of index.proto"): both named in
 * code, and said of where the name is exported, defined or available, so the old one is what code imported. Not
 * advice to use the new one ("Use a.b instead of c.d" is a migration note, a deprecation), nor a call made
 * differently inside ("calling np.asarray in place of np.array").
 */
export const NAME_REPLACED =
  /\b(?:export(?:s|ed)?|expos(?:e|es|ed)|(?:is|are) now (?:defined|declared|exported|exposed|available|located|importable))\b[^.;]{0,60}?\b(?:as|in|from|at|under) `?[a-z_]\w*(?:\.\w+)+`?(?:\(\))? (?:instead of|in place of) `?[a-z_]\w*(?:\.\w+)+/i;

/**
 * What a thing named in code is said to be replaced with or by ("`loom.Session` is discouraged, and replaced with
 * …", "The `--verbose` flag has been replaced by `--log-level`"): the old one goes. A test, a spinner or a regex
 * replaced is not named in code. (Said with "deprecated", the deprecation is read first.)
 */
export const REPLACED_BY =
  /(?:`[^`]+`|(?<![\w.])[a-z_]\w*(?:\.\w+)+\b|(?:^|\s)--[a-z][\w-]*|\b\w+\(\))[^.;]{0,80}?\b(?:is|are|was|were|(?:has|have) been|and) (?:now )?replaced (?:with|by)\b/i;

/**
 * A move said to leave the API as it was ("The widgets library has been moved to its own repository … Its API
 * endpoints stay unchanged"): where code lives changed, not how it is called. With these words, a move is read
 * out (MOVE) before the breaking test.
 */
export const API_UNCHANGED =
  /\b(?:apis?|endpoints?|interfaces?|imports?|import paths?|usage) (?:\S+ ){0,3}?(?:stays?|remains?|is|are) (?:\w+ )?unchanged\b/i;
export const MOVE = /\b(?:(?:has|have) been |was |were |is |are )?(?:moved|split) (?:to|into|from)\b/gi;

/**
 * A behaviour made unconditional by a change ("Update the shard name to always include the writer id",
 * "Change X to always return a tensor"): what it did in the other cases stops, as with "now always".
 */
export const NOW_UNCONDITIONAL = /^(?:updat|chang|mak)\w* (?:[^.;]|\.(?=\S)){1,60}?\bto always\b/i;

/**
 * A recommendation that changed ("The recommended compiler version … has been changed from 9 to 11"): advice, not a
 * requirement. Read without it for breaking.
 */
export const RECOMMENDATION_CHANGED =
  /\b(?:the )?(?:recommended|suggested|preferred) (?:[^.;]|\.(?=\S)){1,80}?\b(?:(?:has|have) been|is|are|was|were) (?:now )?(?:changed|switched|updated|bumped|raised)\b(?: from)?/gi;

/**
 * A change to the code's own insides, listed under a breaking heading: one component's dependency on another
 * removed ("Remove loom.contrib.forecast dependency on loom stats"; not a package users install, "runtime
 * dependency on numpy", nor one users are told to install themselves), or references in a named source file
 * replaced ("Replace legacy references with … in callbacks.py"; not where the old name is said to be gone).
 * Nothing a user calls goes away; its words decide the kind as under no heading.
 */
export const INTERNAL_DEPENDENCY =
  /^remov\w* (?:the )?`?\w+(?:[./]\w+)+`? dependenc(?:y|ies) on\b(?!.*\b(?:install|yourself|must|now requires?|no longer)\b)/i;
export const SOURCE_REFERENCES =
  /^(?:replac|updat|chang)\w* (?:the )?(?:\S+ )?references\b(?!.*\b(?:gone|removed|no longer|renamed|deprecated)\b)(?:[^.;]|\.(?=\S)){0,80}?\bin `?\w+\.(?:py|cc|h|cpp|ts|js)\b/i;

/**
 * The part of BREAKING that holds under any heading, "Bug Fixes" included: support removed, a renamed
 * parameter, a new requirement. (A fix "instead of raising an error" is still a fix.)
 */
export const BREAKING_STRONG =
  /\bbreaking changes?\b|\bbackwards?[- ]incompatib\w*|\bbc[- ]breaking\b|\bno longer (?:supports?|supported|accepts?|available|compatible|public)\b|\b(?:drop(?:s|ped|ping)?|remov(?:e|es|ed|ing)|discontinu\w*) (?:the )?support (?:for|of)\b|^renam\w* (?:the )?(?:\w+ )?(?:param(?:eter)?s?|arg(?:ument)?s?|options?|fields?|functions?|methods?|class(?:es)?|modules?|packages?|attributes?|keys?|flags?|settings?)\b|\bnow requires?\b|\bis now required\b/i;

/** Breaking words said in the negative ("no backwards incompatible changes are allowed", "without breaking changes"). */
export const NOT_BREAKING =
  /\b(?:no|without|not|never|avoid\w*|zero)\s+(?:(?:any|more|further)\s+)?(?:backwards?[- ]incompatib\w*|breaking changes?|bc[- ]breaking)/i;

/** A migration note without a removal: "Use X instead of Y", "Replace contrib X with X" (a deprecation). */
export const MIGRATION = /^(?:use \S+(?: \S+){0,4} instead of|replace \S+ with \S+\s*[.;]?$)/i;

/**
 * Something stops: a deprecation that says so is breaking already ("deprecated and no longer saved", "…
 * migrated to core or removed entirely", "… which are not cross-compatible").
 */
export const NO_LONGER =
  /\bno longer\b|\bnot\b[^.;]{1,40}\banymore\b|\b(?:removed|deleted|dropped) (?:entirely|completely|altogether)\b|\bnot (?:[\w]+-)?compatible\b/i;

/** A bullet that names two kinds for what follows ("New ops and improved op functionality"): a mixed bag. */
export const MIXED_BAG = /^\W*(?:new|added)\b[^:.;]{0,40}\b(?:and|&)\s+(?:improv|enhanc|updat|chang)\w*[^.;]*$/i;

/** A group bullet that names a topic ("Improvements to model saving/loading:"), not one kind of change. */
export const TOPIC = /^\W*(?:improvements|enhancements|updates|changes|fixes|features|additions|other|misc\w*)\b/i;

/** First words that remove or rename: breaking where no heading says otherwise. */
export const BREAKING_VERB =
  /^(?:remov(?:e|es|ed|ing)|drop(?:s|ped|ping)?|delet\w*|renam\w*|disallow\w*|prun\w*|no longer|no more)\b(?!\s+(?:\S+\s+){0,2}?(?:ceilings?|caps?|pins?|upper bounds?|limits?|limitations?|constraints?|restrictions?|requirements?|dependenc(?:y|ies)|unnecessary|unused|redundant|outdated|duplicate\w*|dead|workarounds?|warnings?|hacks?|deprecations?)\b)/i;

/** A pointer to reading elsewhere, listed as a bullet ("For details on …, see the guide"): framing, not a change. */
export const POINTER =
  /^\W*(?:for (?:more |further |full |additional )?(?:details|information|info)\b(?:[^.;]|\.(?=\d)){0,80}\b(?:see|refer to|read|check out)\b)/i;

/** A change announced for a later release ("X is going to support Y in the next release"): not in this one. */
export const FUTURE = /\b(?:is|are) going to\b|\bwill (?:add|support|introduce|ship|provide|enable)\b/i;

/**
 * Tests (unit tests, "UTs"), CI and benchmarks (benchmarkers too): "other" even when the item says "Fix" (a fix to tests is not a product fix). A word
 * quoted or among alternatives is a name, not the topic (`mode is now "eval" instead of "test"`, `(train|test)`).
 */
export const TESTS =
  /\btest_\w+|(?<!["'“‘|])\b(?:tests?|testing|test ?cases?|test suites?|unit ?tests?|ut cases?|UTs|benchmark(?:s|ers?)?|flaky|linters?|lint(?:ing)?|CI)\b(?!\/CD|["'”’|]| and (?:bug ?)?fix)(?<!\band (?:add(?:ed)? )?(?:a |an )?tests?)/i;

/**
 * Internal work: refactors, clean-ups, typing (but type hints for a named API are what its users see: "Better type
 * annotation for x"), formatting, reverts, release chores, internal APIs and calls ("a new internal graph API"),
 * unused code removed.
 */
export const CHORE =
  /^(?:refactor\w*|clean ?up\w*|cleanup|reformat\w*|format\w*|revert\w*|relocat\w*|reorganiz\w*|cherry[- ]pick\w*|merge\b|bump (?:the )?version|(?:set|update) (?:the )?version\b|release \d|prepare (?:for )?release)|\b(?:type (?:hints?|annotations?)|typing)\b(?! (?:for|of|in|on) )|\b(?:code (?:debt|style)|copyright)\b|^(?:remov|delet|drop)\w* (?:the |an? |some )?(?:unused|dead|obsolete|stale)\b|\binternal (?:[\w-]+ ){0,3}?(?:calls?|apis?|uses?|usages?|code|helpers?|utilit(?:y|ies))\b|\bin the (?:\S+ )?codebase\b/i;

/** Comments in the code ("Added comments to the macro", "update out-of-date comment in x.py"): internal, not docs. */
export const CODE_COMMENTS =
  /^(?:add|updat|fix|improv|clarif|reword|remov|correct)\w* (?:an? |the |some |more )?(?:[\w-]+ )?comments?\b/i;

/** Code and its documentation changed together ("Fixed default value and documentation for …"): not docs only. */
export const CODE_AND_DOCS =
  /^\S+ (?:the |a )?(?!(?:[\w-]+ )?(?:docs?|documentation|docstrings?|readme|typos?|examples?|tutorials?|guides?|notebooks?|comments?)\b)[\w-]+(?: [\w-]+)? and (?:the |its )?(?:docs?|documentation|docstrings?)\b/i;

/** Documentation only: docs, docstrings, READMEs, typos, examples and tutorials. */
export const DOCS =
  /^(?:doc(?:s|string)?\b|document\w*|typos?\b)|^(?:\S+\s+){0,5}?\S*\b(?:docs?|documentation|docstrings?|readme|typos?|examples?(?! inputs?\b)|tutorials?|guides?|notebooks?)\b/i;

/**
 * What code says to its users besides its docs: logging, warnings, type hints. Filed under "Documentation"
 * without a word about docs ("Improve logging for the splitter", "Suppress a warning from X"), an improvement;
 * "Added a warning for …" there is a note in the docs.
 */
export const CODE_NOT_DOCS =
  /\b(?:logging|logs?|typing|type (?:hints?|annotations?)|(?:suppress|silenc|emit|rais|remov)\w* (?:\S+ ){0,2}warnings?)\b/i;
/** A word about documentation anywhere in the item. */
export const DOCS_WORD =
  /\b(?:docs?|documentation|docstrings?|readme|tutorials?|guides?|notes?|examples?|descriptions?|comments?|documents?)\b/i;

/**
 * Speed or memory is the point (also optimizations or kernels switched on by default, work avoided: "avoid an
 * extra copy", a quadratic cost removed, a kernel or implementation improved with no other aim named; words that
 * only name speed: NUMA-aware, zero-copy).
 */
export const PERFORMANCE =
  /\bnuma[- ]aware\b|\bzero[- ]copy\b|^(?:improv|enhanc)\w* (?:the |an? )?(?:[\w-]+ ){0,5}(?:implementations?|kernels?)\b(?![^.;]*\b(?:accura\w*|precision|stabil\w*|errors?|messages?|support\w*|handling|correct\w*|robust\w*|compatib\w*))|\bavoid\w* (?:an? |the )?(?:extra|unnecessary|redundant|additional|needless|repeated) (?:[\w-]+ ){0,2}(?:operations?|copy|copies|allocations?|computations?|recompil\w*|passes|syncs?|synchroni[sz]ations?|launch(?:es)?|gathers?|work|overhead|calls?|reads|writes|round[- ]trips?)\b|\b(?:quadratic|exponential) (?:[\w-]+ ){0,2}(?:time|cost|complexity|runtime|slowdown|blow-?up)\b|^(?:speed(?:s|ed)? ?up|optimi[sz]\w*|faster\b|accelerat\w*|perf\b|performance\b|(?:reduc|lower|decreas|cut)\w* (?:the )?(?:\w+ )?(?:memory|latency|overhead|time|allocations?|footprint|complexity|copies|cost))|\b(?:\d+(?:\.\d+)?(?:-\d+)? ?x|\d+ ?%) (?:faster|speed-?up|less memory|lower)\b|\bspeed-?ups?\b|\b(?:optimi[sz]ed|improved?|better|faster|higher) (?:\w+ ){0,2}performance\b|\b(?<!\btext )(?:auto-?)?vectoriz(?:e|es|ed|ing|ation)\b|\b(?:time|memory|latency|overhead) reduction\b|\bto (?:improve|reduce|speed up|lower) (?:\w+ ){0,3}(?:times?|latency|memory|throughput|performance|overhead|contention)\b|\b(?:improv\w*|enhanc\w*|better|boost\w*) (?:the )?(?:\w+ ){0,4}(?:performance|throughput|latency|speed)\b|^(?:enabl|support|add|turn)\w*(?: on)? (?:\S+ ){0,3}fusion\b|\b(?:optimi[sz]ations?|kernels?) (?:\w+ )?by default\b|\b(?:to|can|and|will|which|that) speeds? up\b/i;

/** A bug fixed: the verb first ("Make a.b.c work in …"; also a guard, "Only create X if it does not exist"), or what the item says went wrong. */
export const FIX =
  /^mak(?:e|es|ing)\b(?:[^.;]|\.(?=\S)){0,80}\bwork\b|^(?:add|pick|register|includ|restor)\w*(?: up)? (?:the |a |some )?missing\b|^add(?:s|ed)? (?:a )?fix(?:es)?\b|^(?:fix\w*|bug ?fix\w*|hotfix\w*|correct(?:s|ed|ly)?\b|resolv\w*|repair\w*|patch(?:ed|es)?\b|work(?:s|ed)? ?around|prevent\w*|do not\b|don't\b|only (?!(?:the|a|an|one|two|three|few|some|\d\S*)\s)(?=[a-z]+ ))|\bto (?:avoid|prevent) (?:an? )?(?:[\w-]+ )?(?:errors?|crash\w*|failures?|hangs?|segfaults?|deadlocks?|leaks?|races?|overflows?)\b/i;
export const FIX_MENTION =
  /\bshould (?:now )?work\b|\b(?:now|is now) correct(?:ly)?\b|\bworks? (?:correctly|properly|again)\b|\b(?:fix(?:es|ed)?|bugs?|crash\w*|hangs?|segfaults?|regressions?|incorrect(?:ly)?|wrong(?:ly)?|properly|correctly|invalid|errone\w*|mistaken\w*|no longer (?:crash|fail|hang|error|leak|ignor)\w*)\b/i;

/**
 * A promotion out of experimental or contrib ("moved from experimental to core", "Import paths moved from
 * x.experimental to x"): the API graduates, it is not taken away. Read without these words for breaking.
 */
export const PROMOTED =
  /\b(?:has |have |been |was |were )*moved? (?:\w+ )?(?:from|out of) (?:\S*[./])?(?:experimental|contrib)\b/gi;

/** A behaviour that was wrong and is now right: "the behavior of X is now correct", "X now correctly …". */
export const FIXED_BEHAVIOUR = /\b(?:is|are) now correct\b|\bnow (?:correctly|properly)\b|\bbug ?fix\b/i;

/** A bug named anywhere ("Int64 indexing fix for …", "… to prevent a runtime crash"): a fix filed under Performance. */
export const BUG_NOUN = /\b(?:fix(?:es|ed)?|crash(?:es)?|bugs?|segfaults?|hangs?|deadlocks?)\b/i;

/** First words of something new: a verb that brings something in ("Begin adding …" too), or "New …". */
export const NEW =
  /^(?:(?:begin|start)\w* (?:to )?)?(?:add(?:s|ed|ing|itions? of)?\b|introduc\w*|new\b|implement\w*|expos\w*|creat\w*|provid\w*|publish\w*|ship(?:s|ped)?\b|initial\b|launch\w*|enabl\w*|allow\w*|support(?:s|ed)?\b|experimental support)/i;

/**
 * Support for a new Python, CUDA or ROCm version, OS, CPU/GPU architecture or platform in the binaries: a
 * feature (the labelling convention), wherever it is listed.
 */
export const PLATFORM_SUPPORT =
  /\bsupport (?:for|of) (?:python|cuda|rocm|cudnn|windows|linux|macos|arm64|aarch64|gfx|sm_?\d|(?:\S+ ){0,3}(?:gpus|architectures?|platforms?|compute capabilit))|^\W*add\w* (?:python|cuda|rocm) ?\d[\w. ]* (?:builds?|wheels?|binaries)\b/i;

/**
 * An argument, option, mode, setting or base class named right after the verb ("Add a `force` argument to …", "Add
 * X as a base class to Y"), in the verb's sentence.
 */
export const EXTENDS_ARG =
  /^\W*(?:add\w*|introduc\w*|expos\w*|implement\w*|enabl\w*|allow\w*|support\w*)\s+(?:(?:a|an|the|new|optional|experimental|more|extra|additional)\s+)*(?:\S+(?<!\.)\s+){0,3}?(?:arg(?:ument)?s?|param(?:eter)?s?|options?|modes?|flags?|kwargs?|keyword|attributes?|propert(?:y|ies)|fields?|overloads?|config(?:uration)?s?|settings?|base class(?:es)?(?= (?:to|of|for)\b))\b/i;
/** Something from contrib exposed in the core API ("Expose tf.contrib.proto.* ops in tf.io"): promoted, not new. */
export const EXPOSES_CONTRIB = /^\W*expos\w* (?:the )?\S*\bcontrib\b\S* (?:[\w-]+ )?(?:in|as|to|under)\b/i;

/** A use of something that exists now permitted ("Creating X under Y scopes is now allowed"): it is extended. */
export const NOW_PERMITTED = /\b(?:is|are) now (?:allowed|supported|possible|permitted)\b/i;

/** Something that exists gained an argument or option ("StringLookup added `sparse` and `mode` arguments"). */
export const GAINED_ARG =
  /^\W*(?:[\w.`]+\s+){1,3}(?:added|gained|gets|got)\s+(?:[^.;]{0,60}?\s)?(?:arg(?:ument)?s?|param(?:eter)?s?|options?|kwargs?|flags?)\b/i;
/**
 * Said of something that exists: "X now supports Y", "can now be used", "support for … in the `x` method", support
 * for something named in code (`x.y`, `f()`, `snake_name`), or support of a case through it ("Support custom
 * names through shard_spec").
 */
const EXTENDS_SAID =
  /\b(?:now|also|can now|will now) (?:support|accept|work|handle|allow|take|return|preserve|respect)\w*|\bcan (?:now )?be (?:used|passed|called|applied|set)\b|\bsupport\w*\b[^.;]{0,60}\b(?:in|to|for) (?:the |an? )?(?:existing )?(?:`[^`]+`\s*|\S+ ){0,2}(?:methods?|metrics?|functions?|class(?:es)?|executors?|apis?)\b|\bsupport (?:for|to|in) (?:the |an? )?(?:[\w-]+ )?(?:`[^`]+`|\w+(?:\.\w+)*\(\)|\w+\.\w[\w.]*|[a-z0-9]*_\w+)|^\W*support\w* [^.;]{1,60}?\b(?:in|to|through|via) (?:the )?(?:`[^`]+`|\w+(?:\.\w+)*\(\)|\w+\.\w[\w.]*|[a-z0-9]*_\w+)/i;
/**
 * What makes an addition an improvement of something that exists, even under a "New Features" heading: an
 * argument, option or attribute of it; "X now supports Y".
 */
export const EXTENDS = new RegExp(`${EXTENDS_ARG.source}|${EXTENDS_SAID.source}`, 'i');

/**
 * Support for something in an existing class ("Support multi-column assignment for DataFrame"), or a case enabled
 * for it ("Enable odd head sizes for FlexAttention"); case matters.
 */
export const EXTENDS_CLASS =
  /\b[Ss]upport\w*\b[^.;]{0,60}\b(?:for|in|to) (?:the )?[A-Z][a-z]+[A-Z]\w*|^\W*(?:[Ee]nabl|[Aa]llow)\w* [^.;]{1,60}\b(?:for|in|on) (?:the )?[A-Z][a-z]+[A-Z]\w*/;

/**
 * Where no heading says, these make an addition an improvement too: support for an input or a case in
 * something that exists, a gradient, a check, a message, an alias, an implementation of an existing op.
 */
export const EXTENDS_WEAK =
  /^support(?:s|ed)?\b(?! for (?:python|cuda|rocm|windows|linux|macos)\b)|\bsupport (?:for|to|of|in)\b|\b(?:checks?|validation|warnings?|logg(?:ing|er)|logs|(?:error )?messages?|errors?|gradients?|alias(?:es)?|dtypes?|shapes?|inputs?|outputs?|tensors?|datatypes?|types|cases?|dimensions?|batch(?:es|ing)?|broadcasting|implementations? (?:of|for)|versions? of)\b/i;

/**
 * What makes an addition a feature where no heading says: a new stand-alone API named right after the verb
 * (a code span, a qualified or CamelCase name; case matters here), an op, layer, module, backend, tool or
 * metric, or support for a new platform or version in the binaries.
 */
export const NEW_API =
  /^\W*(?:[Aa]dd|[Ii]ntroduc|[Nn]ew|[Ii]mplement|[Ee]xpos|[Cc]reat|[Pp]rovid)\w*\s+(?:(?:a|an|the|new|experimental|public|initial|v2|two|several|some)\s+)*(?:`[^`]+`|\w+\.[\w.]+(?:\(\))?|[A-Z][a-z0-9]+[A-Z]\w*|[A-Z]{2,}[a-z]\w*|\w+\(\))(?!\w)(?!\s+(?:arg(?:ument)?s?|param(?:eter)?s?|options?|flags?|kwargs?|attributes?|propert(?:y|ies)|fields?|overloads?|support)\b)/;
/**
 * A new thing named by its kind: "New …", "Add … layers", an item that ends in "ops"/"op kernels"/"metrics" (but not
 * where those are what it is added to: "Add top-k to the keras metrics" extends them), an API or a tool.
 */
export const NEW_THING =
  /^\W*(?:\w+\s+){0,2}new\b|^\W*add\w* (?:(?!(?:to|in|into|of|on)\s)\S+ ){1,4}?(?:functions|layers|callbacks|metrics|losses|optimizers)\b|(?<!\b(?:to|in|into|of|on)\s+(?:\S+\s+){0,2})\b(?:ops?|operations?|layers?|callbacks?|metrics?)(?: kernels?)?[.:]?\s*$|\b(?:apis?|tools?|plugins?|solvers?|enum(?: values?)?|templates?|interfaces?|command-line|cli)\b|\bsupport for (?:python|cuda|rocm|cudnn|windows|linux|macos|arm64|aarch64|gfx\w*|sm_?\d+|\S+(?: \S+){0,4} (?:architectures?|platforms?|models?|devices?))\b/i;

/**
 * Ops listed by name after the verb ("Add foo_encode, foo_decode and foo_split ops.", "Supports native ops - A, B."):
 * new ops, though a later sentence says what they support; not support of something in ops ("… to the X ops").
 */
export const NEW_OPS =
  /^\W*(?:add|support|introduc|implement)\w*\s+(?:(?!(?:support|to|in|into|of|on|for)\b)[^\s.;]+[\s,]+){1,12}?(?:ops|operations|operators|op kernels)\b\W*?(?:$|[-–:]\s)/i;

/**
 * An addition that calls itself new ("Introduce a new API …", "…, a new reader for tar archives", "introduces
 * two new tools") or experimental ("Experimental support for …", "Introduces experimental … API"): a feature anywhere.
 */
export const CALLED_NEW =
  /^\W*(?:add\w*|introduc\w*|provid\w*)\s+(?:an?\s+)?new\b|^\W*(?:(?:add|introduc|enabl|provid)\w*\s+)?experimental (?:support (?:for|of)\b|\S+(?: \S+){0,2} apis?\b)|\b(?:an?|the|two|three|several|some|a few|\d+) new (?:\w+ )?(?:apis?|ops?|operators?|layers?|modules?|tools?|backends?|class(?:es)?|readers?|writers?|formats?|commands?|metrics?|callbacks?|functions?)\b/i;

/**
 * A stand-alone thing added under its kind's name ("Add get_stream API for …", "Add the float8 dtype", "Add a
 * command line tool", "Add LU decomposition op"): a feature even under "Improvements", but for support of an
 * op in something that exists ("Add op support to …").
 */
export const ADDS_NAMED =
  /^\W*(?:add|introduc)\w*\s+(?:the\s+|an?\s+)?(?:(?!(?:to|for|in|of|on|at|with)\s)[\w.-]+\s+){1,3}?(?:api|dtype|op|tool|environment variable)\b(?!\s+(?:support|strategy)\b)/i;

/**
 * A title that is only a capability and "support" ("Jaccard distance support", "Add FP8 Support", "Model
 * offloading support pt 2"): a new capability. Not "More/Better … support", nor support for an op or a type
 * in something that exists ("Added aten.view op support").
 */
export const CAPABILITY_SUPPORT =
  /^\W*(?:add(?:s|ed)?\s+)?(?!(?:more|better|improved?|enhanced|extended|expanded|full|basic|initial)\b)(?:[\w./+-]+\s+){0,4}(?<!\b(?:ops?|dtypes?|types?)\s)support(?:\s+pt\.?\s*\d+)?\W*$/i;

/** An item that opens on a new thing ("A new verification API … can now be used"), not a new option of something. */
export const OPENS_NEW =
  /^\W*an? new\b(?!\s+(?:\S+\s+){0,2}?(?:arg(?:ument)?s?|param(?:eter)?s?|options?|flags?|kwargs?|attributes?|modes?|settings?)\b)/i;

/** New things introduced past the first words: "The profiler introduces two new tools", "X adds a new reader". */
export const INTRODUCES_NEW =
  /\b(?:introduc|add|provid|ship|offer|bring)\w*\s+(?:an?|two|three|four|several|some|a few|\d+) new\b/i;

/** A new thing that takes an old one's place ("replacing", "instead of", "migrate to"): under a breaking heading, breaking. */
export const REPLACES = /\b(?:replac\w*|instead of|in favou?r of|migrat\w*|supersed\w*)\b/i;

/**
 * What an item says when its first words do not: "X now supports Y", or any "X now does Y" ("image.resize now
 * considers pixel centers and has new kernels"), is an improvement of X; a word of support or betterment alone
 * is an improvement where no heading names another kind (`mention`); "… is now available", "… has been
 * provided", "we provided …" are new.
 */
export const MENTIONS: [RegExp, ChangeKind | 'mention'][] = [
  [FIX_MENTION, 'fix'],
  [/\b(?:faster|speed-?ups?|performance|throughput|latency)\b/i, 'performance'],
  [/\b(?:supports?|supported) (?:in|for|to|of|on|with)\b/i, 'improvement'],
  // (said of something that exists: "X now handles Y", "X can now …", "Can pivot …")
  [
    /\b(?:now|also|can now|will now) (?:support|accept|work|handle|allow|take|return|preserve|respect)\w*|\bcan now\b|^can\b|\bnow [a-z]+[^s\W]s\b/i,
    'improvement',
  ],
  // (only a word of betterment or support, "Attention kernels (bias support)": the heading may name the kind;
  // support in or for something is said of that thing)
  [
    /\b(?:supports?|supported)\b(?! (?:in|for|to|of|on|with)\b)|\b(?:improve(?:s|d|ments?)?|more (?:robust|stable|strict|accurate|flexible)|stability|better)\b/i,
    'mention',
  ],
  [
    /\b(?:(?:is|are) (?:now )?available|(?<!\bthe )new\b|added|introduced|(?:ha(?:s|ve) been|was|were|we) provided)\b/i,
    'feature',
  ],
];

/**
 * Where the item is an improvement of existing things by its first words (also a deprecation lifted: "Removing
 * deprecations for …", "Un-deprecate …").
 */
export const IMPROVE =
  /^(?:un-?deprecat\w*|(?:remov|lift)\w* (?:the )?deprecations?\b(?! warnings?)|improv\w*|enhanc\w*|updat\w*|upgrad\w*|bump\w*|extend\w*|simplif\w*|better\b|mak(?:e|es|ing) \S+(?: \S+)? (?:more|less|better|easier|work)|mov(?:e|ed|es)\b|chang\w*|switch\w*|us(?:e|es|ing)\b|refin\w*|increas\w*|rais\w*|expand\w*|generaliz\w*|unif\w*|standardiz\w*|harden\w*|warn\w*|raise\w*|report\w*|show\w*|respect\w*|preserv\w*|retain\w*|restor\w*|relax\w*|loosen\w*|unpin\w*|pin\w*|stabiliz\w*|promot\w*|graduat\w*)/i;
