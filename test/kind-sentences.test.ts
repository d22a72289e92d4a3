// Kinds of change from what an item says past its first words (issue 24): a removal or rename opening a
// later sentence, a speed-up stated as the point, a missing piece added back, breaking words said in the negative.
import { describe, expect, it } from 'vitest';
import { changeFromText } from '../parsers/decide-change.js';
import { parseNotes } from '../parsers/index.js';

/** Each line as a bullet under one heading: text -> kind. */
const under = (heading: string, lines: string[], repo = 'loom/loom') =>
  Object.fromEntries(
    parseNotes([`## ${heading}`, ...lines.map((l) => `* ${l}`)].join('\n'), repo).map((i) => [i.text, i.change]),
  );

describe('a removal or a rename that opens a later sentence', () => {
  it('is breaking, as it would be first', () => {
    const kinds = under(
      'Bug Fixes and Other Changes',
      [
        'Reader gained a `limit` argument. Renamed the `max_items` argument to `limit_items`.',
        'Updating the tokenizer - removed the implicit lower-casing.',
        'Writer takes an options object. Removed two deprecated fields from it: `fast` and `legacy`.',
        'Add `loom.Options`. Remove the tuning knobs from `loom.Config` and add them to `loom.Options` instead.',
      ],
      'tensorflow/tensorflow',
    );
    expect(Object.values(kinds)).toEqual(['breaking', 'breaking', 'breaking', 'breaking']);
  });

  it('is not breaking where a heading names the kind and the later sentence only drops a leftover', () => {
    expect(
      under('Improvements', [
        'Improved the reader. Removed an unused helper.',
        'Update the parser. Removes a warning.',
      ]),
    ).toEqual({
      'Improved the reader. Removed an unused helper.': 'improvement',
      'Update the parser. Removes a warning.': 'improvement',
    });
  });
});

describe('a minimum version raised anywhere in the item', () => {
  it('is breaking', () => {
    expect(
      changeFromText(
        'Turn on link-time folding for release builds; this effectively raises the minimum supported GCC version to 12.',
      ),
    ).toBe('breaking');
    expect(changeFromText('Bumps the minimum required zlib version to 1.3.')).toBe('breaking');
  });
});

describe('breaking words said in the negative', () => {
  it('do not make an item breaking', () => {
    expect(
      changeFromText('The reader module is stable: no backwards incompatible changes will be made to it.'),
    ).not.toBe('breaking');
    expect(changeFromText('Adds a streaming writer without breaking changes to the current one.')).not.toBe('breaking');
    expect(changeFromText('Reader is now backwards incompatible with 1.x files.')).toBe('breaking');
  });
});

describe('speed stated as the point', () => {
  it('is performance, wherever the words stand', () => {
    expect(changeFromText('Add `loom.config.prefetch` to speed up loading of large archives')).toBe('performance');
    expect(changeFromText('Simplify and speed up `resolve_paths()`')).toBe('performance');
    expect(changeFromText('Improved archive index lookup performance')).toBe('performance');
    expect(changeFromText('Added a `batch` argument to `Reader.read`. This can speed up reads up to 2x.')).toBe(
      'performance',
    );
  });
});

describe('a missing piece added', () => {
  it('is a fix', () => {
    expect(changeFromText('Add missing kernels for the half-precision reader ops.')).toBe('fix');
    expect(changeFromText('Pick up missing dtypes in the shape inference pass')).toBe('fix');
    expect(changeFromText('Add kernels for the half-precision reader ops.')).not.toBe('fix');
  });
});

describe('a capability that calls itself new or experimental', () => {
  it('is a feature where no heading names the kind, unless it adds an argument or mode of something', () => {
    expect(
      under(
        'Bug Fixes and Other Changes',
        [
          'Experimental support for sparse archives in the reader.',
          'Enabled experimental support for a new compression scheme with 4-bit blocks.',
          'The profiler introduces two new tools: a heap viewer and a call tracer.',
          'Added a new output mode "compact" for Writer.',
        ],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'Experimental support for sparse archives in the reader.': 'feature',
      'Enabled experimental support for a new compression scheme with 4-bit blocks.': 'feature',
      'The profiler introduces two new tools: a heap viewer and a call tracer.': 'feature',
      'Added a new output mode "compact" for Writer.': 'improvement',
    });
  });

  it('is a feature under a breaking heading when it says nothing of what it breaks or replaces', () => {
    expect(
      under('Breaking Changes', [
        'Add a new Checkpointer callback for resuming interrupted runs.',
        'Add a new Loader class, replacing OldLoader.',
        'Removed Reader.peek.',
      ]),
    ).toEqual({
      'Add a new Checkpointer callback for resuming interrupted runs.': 'feature',
      'Add a new Loader class, replacing OldLoader.': 'breaking',
      'Removed Reader.peek.': 'breaking',
    });
  });
});

describe('optimisations named as such', () => {
  it('are performance: fusion enabled, optimisations on by default, enhanced performance', () => {
    expect(changeFromText('Enabled post-op fusion for the vector backend')).toBe('performance');
    expect(changeFromText('Enable the prefetch and cache optimizations by default.')).toBe('performance');
    expect(changeFromText('Enhance ARM CPU performance on quantized readers')).toBe('performance');
    expect(changeFromText('Adds an option for spreading the pipeline to reduce CPU contention')).toBe('performance');
  });
});

describe('a contrast with what earlier releases did', () => {
  it('is breaking: what they included is gone, an output differs from before', () => {
    expect(
      changeFromText(
        'The 3.0 wheels ship GPU kernels only for sm_80. Earlier releases included kernels for older GPUs.',
      ),
    ).toBe('breaking');
    expect(
      changeFromText(
        'Tokenizer now counts the padding token in the vocabulary size: a limit of 100 gives 100 ids (not 101 as before).',
      ),
    ).toBe('breaking');
    expect(changeFromText('Reader now accepts paths. Earlier releases needed an open file.')).not.toBe('breaking');
  });
});

describe('new things named past the first words', () => {
  it('are features where no heading names the kind', () => {
    expect(
      under(
        'Major Features and Improvements',
        [
          'The profiler introduces two new views: a heap timeline and a call graph, with better messages.',
          'Prebuilt C libraries are available from the mirror starting this release.',
          'Add Hankel functions of order 1 and 2 to loom.special.',
          'Update the writer to the new sink API.',
        ],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'The profiler introduces two new views: a heap timeline and a call graph, with better messages.': 'feature',
      'Prebuilt C libraries are available from the mirror starting this release.': 'feature',
      'Add Hankel functions of order 1 and 2 to loom.special.': 'feature',
      'Update the writer to the new sink API.': 'improvement',
    });
  });
});

describe('vectorization', () => {
  it('is performance as a kernel technique, not as the name of a text feature', () => {
    expect(changeFromText('Vectorized elementwise kernels for half precision')).toBe('performance');
    expect(
      changeFromText('Introduces an experimental tokenizer API with text vectorization and n-gram encoding.'),
    ).toBe('feature');
  });
});

describe('a heading that lists changes in behaviour', () => {
  it('keeps a fix or a speed-up that says it is one; everything else there stays breaking', () => {
    expect(
      under(
        'Behavioral changes',
        [
          'Bug fix: sums are now reliably scaled by the global batch size.',
          'The behavior of loom.pick is now correct for negative axes.',
          'loom.range now always includes the end value.',
        ],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'Bug fix: sums are now reliably scaled by the global batch size.': 'fix',
      'The behavior of loom.pick is now correct for negative axes.': 'fix',
      'loom.range now always includes the end value.': 'breaking',
    });
    // a speed-up that says it is one stays performance there, too
    expect(
      under(
        'Behavioral changes',
        ['In the batching pass, vectorize the inner loop.', 'loom.range now uses a vectorized index.'],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'In the batching pass, vectorize the inner loop.': 'performance',
      'loom.range now uses a vectorized index.': 'performance',
    });
    // a backwards-incompatible heading keeps its fixes breaking: they change what callers see
    expect(
      Object.values(under('Breaking Changes', ['Reshaping a frozen buffer now correctly raises an error.'])),
    ).toEqual(['breaking']);
  });
});

describe('an API moved out of experimental or contrib', () => {
  it('graduates: not breaking, while a move elsewhere still is', () => {
    expect(
      under(
        'Bug Fixes and Other Changes',
        [
          'Sampling layers moved from experimental to core.',
          'Import paths moved from loom.layers.experimental to loom.layers.',
          'Loom Lite has moved from contrib to core.',
          'The reader helpers have been moved to loom.io.',
        ],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'Sampling layers moved from experimental to core.': 'improvement',
      'Import paths moved from loom.layers.experimental to loom.layers.': 'improvement',
      'Loom Lite has moved from contrib to core.': 'improvement',
      'The reader helpers have been moved to loom.io.': 'breaking',
    });
  });
});

describe('bullets that frame rather than change', () => {
  it('a lead-in that names a topic is other; one that states a kind, or a sentence ending in a colon, is not', () => {
    const md = [
      '## Bug Fixes and Other Changes',
      '* Reader API consistency changes:',
      '  * Added a `limit` argument to the reader.',
      '  * Added `Reader.peek`.',
      '* Updates to the writer API for clarity:',
      '  * Writer gained a `flush` argument.',
      '* Sparse Functionality (enabled by setting `LOOM_SPARSE=1`):',
      '  * Sparse sums are supported.',
      '* Added archive reader layers:',
      '  * `TarReader`',
      '* References to loom.contrib.io were changed to loom.io:',
      '  * `loom.io.open`',
    ].join('\n');
    const kinds = Object.fromEntries(parseNotes(md, 'tensorflow/tensorflow').map((i) => [i.text, i.change]));
    expect(kinds['Reader API consistency changes:']).toBe('other');
    expect(kinds['Updates to the writer API for clarity:']).toBe('other');
    expect(kinds['Sparse Functionality (enabled by setting LOOM_SPARSE=1):']).toBe('other');
    expect(kinds['Added archive reader layers:']).toBe('feature');
    expect(kinds['References to loom.contrib.io were changed to loom.io:']).not.toBe('other');
  });

  it('a pointer to reading elsewhere is other', () => {
    expect(
      Object.values(
        under(
          'Major Features and Improvements',
          ['For details on migrating to 3.0, see the upgrade guide.'],
          'tensorflow/tensorflow',
        ),
      ),
    ).toEqual(['other']);
  });
});

describe('internal calls and code', () => {
  it('are other', () => {
    expect(changeFromText('Replace internal calls to loom._old_open() with loom.open()')).toBe('other');
    expect(changeFromText('Use an ordered set in the compiler codebase')).toBe('other');
    expect(changeFromText('Fix some internal crashes involving empty archives')).toBe('fix');
  });
});

describe('a stand-alone thing added under its kind’s name', () => {
  it('is a feature, also under Improvements; an argument or gradient added to one is not', () => {
    expect(
      under('Improvements', [
        'Add open_remote_stream API for the HTTP backend',
        'Add the float6 dtype to Loom',
        'Added gradient for SparseConcat op.',
        'Added max_retries to the open_remote API',
      ]),
    ).toEqual({
      'Add open_remote_stream API for the HTTP backend': 'feature',
      'Add the float6 dtype to Loom': 'feature',
      'Added gradient for SparseConcat op.': 'improvement',
      'Added max_retries to the open_remote API': 'improvement',
    });
    expect(changeFromText('Add a bilinear resize op.')).toBe('feature');
  });
});

describe('a bullet or heading that names two kinds', () => {
  it('is a mixed bag: other itself, and the words of what it lists decide', () => {
    const md = [
      '## Bug Fixes and Other Changes',
      '* New ops and improved op functionality',
      '  * Add a bilinear resize op.',
      '  * Concat supports int4 inputs.',
      '  * Broadcasting support for sparse tensors.',
    ].join('\n');
    expect(Object.fromEntries(parseNotes(md, 'tensorflow/tensorflow').map((i) => [i.text, i.change]))).toEqual({
      'New ops and improved op functionality': 'other',
      'Add a bilinear resize op.': 'feature',
      'Concat supports int4 inputs.': 'improvement',
      'Broadcasting support for sparse tensors.': 'improvement',
    });
    expect(
      under('New Features and Improvements', ['Concat supports int4 inputs.', 'Add a bilinear resize op.']),
    ).toEqual({
      'Concat supports int4 inputs.': 'improvement',
      'Add a bilinear resize op.': 'feature',
    });
  });
});

describe('more ways to say something stops', () => {
  it('a deprecation that also removes or breaks compatibility is breaking', () => {
    expect(
      changeFromText(
        'loom.contrib has been deprecated, and its modules were either moved to core or removed entirely.',
      ),
    ).toBe('breaking');
    expect(
      changeFromText(
        'loom.old_reader has been deprecated in favor of loom.Reader; old archives are not cross-compatible.',
      ),
    ).toBe('breaking');
    expect(changeFromText('loom.old_reader is deprecated and will be removed in 4.0.')).toBe('deprecation');
  });

  it('a function renamed by "Changes a to b", and an API marked compat.v1 only, are breaking', () => {
    expect(changeFromText('Updates the converter API. Changes from_graph_def to from_graph_defs.')).toBe('breaking');
    expect(changeFromText('Mark loom set_session as compat.v1 only.')).toBe('breaking');
    expect(changeFromText('Changes the reader to stream by default.')).not.toBe('breaking');
  });
});

describe('removals said in passing', () => {
  it('"have been renamed or removed" and "removing X in favor of Y" are breaking', () => {
    expect(changeFromText('API changes: many symbols have been renamed or removed for consistency.')).toBe('breaking');
    expect(changeFromText('API clean-up, including removing loom.app and loom.flags in favor of argparse.')).toBe(
      'breaking',
    );
  });
});

describe('a title that is a capability and "support"', () => {
  it('is a feature where no heading names the kind; more support, or an op supported somewhere, is not', () => {
    expect(
      under("What's Changed", [
        'Cosine distance support',
        'Add INT4 Support',
        'Streaming decode support pt 2',
        'More bf16 support',
        'Added sparse op support',
      ]),
    ).toEqual({
      'Cosine distance support': 'feature',
      'Add INT4 Support': 'feature',
      'Streaming decode support pt 2': 'feature',
      'More bf16 support': 'improvement',
      'Added sparse op support': 'improvement',
    });
  });
});

describe('a bug named anywhere', () => {
  it('makes a fix filed under Performance a fix, and "to prevent a … crash" is a fix', () => {
    expect(
      under('Performance', [
        'Int64 indexing fix for the bilinear resize kernel',
        'Update the thread count in pooling backward for SM 10.0 to prevent runtime crash',
        'Faster bilinear resize on CPU',
      ]),
    ).toEqual({
      'Int64 indexing fix for the bilinear resize kernel': 'fix',
      'Update the thread count in pooling backward for SM 10.0 to prevent runtime crash': 'fix',
      'Faster bilinear resize on CPU': 'performance',
    });
    expect(changeFromText('Update the thread count in pooling backward to prevent runtime crash')).toBe('fix');
  });
});

describe('chores filed among product changes', () => {
  it('tests and benchmarks under Performance or Bug Fixes are other', () => {
    expect(
      under('Performance', [
        'Add perf testing on the nightly runners',
        'Expose a flag that varies threads across Python benchmarks',
      ]),
    ).toEqual({
      'Add perf testing on the nightly runners': 'other',
      'Expose a flag that varies threads across Python benchmarks': 'other',
    });
    expect(Object.values(under('Bug Fixes', ['Fix the flaky reader test']))).toEqual(['other']);
  });

  it('removing unused code is other', () => {
    expect(changeFromText('Delete unused Fingerprint64Map op registration')).toBe('other');
    expect(changeFromText('Delete the Fingerprint64Map op')).toBe('breaking');
  });
});

describe('a change announced for a later release', () => {
  it('is other: it is not in this one', () => {
    expect(
      Object.values(
        under(
          'Bug Fixes and Other Changes',
          ['Arrow 20 support: Loom is going to support Arrow 20 in the next release. It may break some edge cases.'],
          'tensorflow/tensorflow',
        ),
      ),
    ).toEqual(['other']);
    expect(changeFromText('Loom now supports Arrow 20.')).toBe('improvement');
  });
});

describe('options of something named as new', () => {
  it('are improvements: a named API followed by its options, new configs of a tool', () => {
    expect(
      under('New Features', [
        'Add FlashAttn kernel parameter tuning options: num_warps and num_stages',
        'Add `loom.Stream` for chunked reads',
      ]),
    ).toEqual({
      'Add FlashAttn kernel parameter tuning options: num_warps and num_stages': 'improvement',
      'Add loom.Stream for chunked reads': 'feature',
    });
    expect(
      under('Improvements', [
        'Add new reader configs to the bisector: prefetch and cache_size',
        'Add a new reader class for tar archives',
      ]),
    ).toEqual({
      'Add new reader configs to the bisector: prefetch and cache_size': 'improvement',
      'Add a new reader class for tar archives': 'feature',
    });
  });
});

describe('something new switched on by default', () => {
  it('improves what exists where no heading names the kind; the bullets under it follow', () => {
    const md = [
      '## Major Features and Improvements',
      '* Enabled the new streaming decoder by default',
      '  * The new decoder is used for all archives',
      '* Enabled the new streaming encoder',
    ].join('\n');
    expect(Object.fromEntries(parseNotes(md, 'tensorflow/tensorflow').map((i) => [i.text, i.change]))).toEqual({
      'Enabled the new streaming decoder by default': 'improvement',
      'The new decoder is used for all archives': 'improvement',
      'Enabled the new streaming encoder': 'feature',
    });
  });
});

describe('what a later sentence says a new thing supports', () => {
  it('does not make the new thing an extension of something that exists', () => {
    expect(
      under(
        'Bug Fixes and Other Changes',
        [
          'Add ZSTD as builtin op. (ZSTD also supports LZ4 frames.) Currently only supports uint8 input.',
          'Experimental support for streams in Loom Lite. To enable it, set `allow_streams`; the reader now accepts them.',
          'Add a `level` argument to the writer. It also supports zero.',
        ],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'Add ZSTD as builtin op. (ZSTD also supports LZ4 frames.) Currently only supports uint8 input.': 'feature',
      'Experimental support for streams in Loom Lite. To enable it, set allow_streams; the reader now accepts them.':
        'feature',
      'Add a level argument to the writer. It also supports zero.': 'improvement',
    });
  });
});

describe('ops, layers or metrics named as what something is added to', () => {
  it('are extended, not new; an item that ends by naming new ones adds them', () => {
    expect(
      under(
        'Bug Fixes and Other Changes',
        [
          'Added top-k to precision and recall in the loom metrics.',
          'Add weighting to the ranking layers.',
          'Add zstd_compress and zstd_decompress ops.',
        ],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'Added top-k to precision and recall in the loom metrics.': 'improvement',
      'Add weighting to the ranking layers.': 'improvement',
      'Add zstd_compress and zstd_decompress ops.': 'feature',
    });
  });
});

describe('what an existing API now does', () => {
  it('is an improvement of it, even where it mentions something new', () => {
    expect(
      under(
        'Bug Fixes and Other Changes',
        [
          'loom.resize now considers edge pixels and has new filters (incl. lanczos).',
          'loom.Reader(strict=True) now validates the header by default',
          'Loom has new filters for resizing.',
        ],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'loom.resize now considers edge pixels and has new filters (incl. lanczos).': 'improvement',
      'loom.Reader(strict=True) now validates the header by default': 'improvement',
      'Loom has new filters for resizing.': 'feature',
    });
  });
});

describe('a guard that opens with "Only …"', () => {
  it('is a fix, also under Performance or among changes in behaviour', () => {
    expect(
      under(
        'Bug Fixes and Other Changes',
        ['Only open a cache file if it does not already exist.'],
        'tensorflow/tensorflow',
      ),
    ).toEqual({ 'Only open a cache file if it does not already exist.': 'fix' });
    expect(under('Performance', ['Only use the fused kernel on SM 9.0 (#12)'])).toEqual({
      'Only use the fused kernel on SM 9.0 (#12)': 'fix',
    });
    expect(under('Behavioral changes', ['Only flush the writer when it holds data.'], 'tensorflow/tensorflow')).toEqual(
      {
        'Only flush the writer when it holds data.': 'fix',
      },
    );
    // "Only" before a number or an article is not a guard
    expect(changeFromText('Only two wheels are published for arm64.')).not.toBe('fix');
    expect(changeFromText('Only the reader is built for arm64.')).not.toBe('fix');
  });
});

describe('"Make … work" over dotted API names', () => {
  it('is a fix; the dots of a qualified name do not end the sentence', () => {
    expect(changeFromText('Make num_workers of loom.io.Reader.read and loom.io.Writer.write work with pipes.')).toBe(
      'fix',
    );
    expect(changeFromText('Make the reader faster. Work on the writer continues.')).not.toBe('fix');
  });
});

describe('logging, warnings and type hints filed under Documentation', () => {
  it('improve the code when nothing says docs; a note about them stays docs', () => {
    expect(
      under('Documentation', [
        'Improve logging for the bisector (#10)',
        'Suppress the shape warning from loom.check (#11)',
        'Update typing for loom/io/reader.py (#12)',
        'Added warning for wrong results at one worker (#13)',
        'Document the logging options of the reader (#14)',
      ]),
    ).toEqual({
      'Improve logging for the bisector (#10)': 'improvement',
      'Suppress the shape warning from loom.check (#11)': 'improvement',
      'Update typing for loom/io/reader.py (#12)': 'improvement',
      'Added warning for wrong results at one worker (#13)': 'docs',
      'Document the logging options of the reader (#14)': 'docs',
    });
  });
});

describe('kernels switched on by default', () => {
  it('are a speed-up, like optimizations on by default; a new kernel API is not', () => {
    expect(
      under(
        'Major Features and Improvements',
        [
          'Turn on the fused GEMM kernels by default. The backend picks the best one per CPU.',
          'Add a kernel registry API.',
        ],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'Turn on the fused GEMM kernels by default. The backend picks the best one per CPU.': 'performance',
      'Add a kernel registry API.': 'feature',
    });
  });
});

describe('op kernels added', () => {
  it('are new ops, as "… ops" is; kernels of the ops something is added to are not', () => {
    expect(
      under(
        'Bug Fixes and Other Changes',
        ['Add legacy sparse string hash map op kernels.', 'Add bounds checks to the op kernels.'],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'Add legacy sparse string hash map op kernels.': 'feature',
      'Add bounds checks to the op kernels.': 'improvement',
    });
  });
});

describe('an addition that has begun', () => {
  it('"Begin adding …", "Start to add …" bring in something new as "Add …" does', () => {
    expect(
      under(
        'Bug Fixes and Other Changes',
        ['Begin adding Rust wrapper for C Eager API.', 'Start to add Zig bindings for the C API.'],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'Begin adding Rust wrapper for C Eager API.': 'feature',
      'Start to add Zig bindings for the C API.': 'feature',
    });
  });
});

describe('a warning on use', () => {
  it('announces a deprecation; a warning about a mistake does not', () => {
    expect(changeFromText('Emit a warning when function loom.open_legacy is used.')).toBe('deprecation');
    expect(changeFromText('Warn if the `fast` argument is used.')).toBe('deprecation');
    expect(changeFromText('Added warning when a module is wrapped twice (#12)')).not.toBe('deprecation');
  });
});

describe('something that has been provided', () => {
  it('is new; options provided by the user are not', () => {
    expect(
      under(
        'Bug Fixes and Other Changes',
        [
          'A schema converter for legacy archives has been provided to move them to version 2.',
          'Reader options provided by the user are validated.',
        ],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'A schema converter for legacy archives has been provided to move them to version 2.': 'feature',
      'Reader options provided by the user are validated.': 'improvement',
    });
  });
});

describe('memory unsafety a malformed or crafted input can trigger', () => {
  it('is security without a CVE; a plain memory bug or a rejected file stays a fix', () => {
    expect(changeFromText('Corrupt PNG headers could cause an out-of-bounds read in the decoder. Fixed.')).toBe('fix');
    expect(changeFromText('A malformed PNG header could cause an out-of-bounds read in the decoder.')).toBe('security');
    expect(changeFromText('Crafted archives no longer trigger a heap overflow when unpacked.')).toBe('security');
    expect(changeFromText('Fix a use-after-free in the cache eviction path.')).toBe('fix');
    expect(changeFromText('Reject malformed index files that hold duplicate entries.')).not.toBe('security');
  });
});

describe('an argument named after the verb', () => {
  it('is looked for in the verb’s sentence only', () => {
    expect(changeFromText('Add `loom.Stream` class. Options are read from the config file.')).toBe('feature');
    expect(changeFromText('Add an optional `strict` setting to the reader.')).toBe('improvement');
  });
});

describe('work avoided', () => {
  it('is performance: an extra copy avoided, a quadratic cost removed', () => {
    expect(
      under('Improvements', [
        'Added a fused reader op that avoids an extra buffer copy per record.',
        'Fix a quadratic build time when a graph has many small branches.',
        'Avoid an unnecessary error when the cache is empty.',
      ]),
    ).toEqual({
      'Added a fused reader op that avoids an extra buffer copy per record.': 'performance',
      'Fix a quadratic build time when a graph has many small branches.': 'performance',
      'Avoid an unnecessary error when the cache is empty.': 'improvement',
    });
  });
});

describe('a quoted word', () => {
  it('is a name, not a word about tests; a quoted value replaced by another is breaking', () => {
    expect(
      under('Bug Fixes and Other Changes', [
        'Add an optional `reuse` argument to the make_(read|test|write)_plan helpers.',
        'The exported key for the checking mode is now "check" instead of "test".',
        'Fix flaky "io" tests on macOS.',
      ]),
    ).toEqual({
      'Add an optional reuse argument to the make_(read|test|write)_plan helpers.': 'improvement',
      'The exported key for the checking mode is now "check" instead of "test".': 'breaking',
      'Fix flaky "io" tests on macOS.': 'other',
    });
    expect(changeFromText('Memory use is now linear instead of quadratic in the number of shards.')).not.toBe(
      'breaking',
    );
  });
});

describe('what a thing is required for', () => {
  it('is breaking when the reader must provide it, not when it is the purpose of something shipped', () => {
    expect(
      changeFromText('The loom.compat module is required to allow plugins to run on both major versions.'),
    ).not.toBe('breaking');
    expect(changeFromText('CMake 3.20 is required to build the native extension.')).toBe('breaking');
  });
});

describe('a word of support alone, under a heading that names the kind', () => {
  it('keeps the heading’s kind; what is said of something that exists, or support in it, improves it', () => {
    expect(
      under('New features', [
        'Tiled attention kernels (sliding window support) (#4101)',
        'Vulkan support added across the runtime and the compiler (#4102)',
        'The reader now handles zstd input (#4103)',
        'Half precision support in the loom GPU backend (#4104)',
      ]),
    ).toEqual({
      'Tiled attention kernels (sliding window support) (#4101)': 'feature',
      'Vulkan support added across the runtime and the compiler (#4102)': 'feature',
      'The reader now handles zstd input (#4103)': 'improvement',
      'Half precision support in the loom GPU backend (#4104)': 'improvement',
    });
  });
});

describe('an item that opens on a new thing', () => {
  it('is new even where it says what the thing can now do; a new option of something is not', () => {
    expect(changeFromText('A new audit API loom.audit.verify can now be used to check a written archive.')).toBe(
      'feature',
    );
    expect(changeFromText('A new `strict` option of loom.open can now be used to reject unknown keys.')).toBe(
      'improvement',
    );
  });
});

describe('internal work named with words between', () => {
  it('is other: an internal API with a name, a new benchmarker', () => {
    expect(
      under('Improvements', [
        'New internal shard planning API that gives clearer errors (#5101)',
        'Create a new benchmarker to replace the ad hoc timing helper (#5102)',
        'New shard planning API for custom layouts (#5103)',
      ]),
    ).toEqual({
      'New internal shard planning API that gives clearer errors (#5101)': 'other',
      'Create a new benchmarker to replace the ad hoc timing helper (#5102)': 'other',
      'New shard planning API for custom layouts (#5103)': 'improvement',
    });
  });
});

describe('a deprecation lifted', () => {
  it('improves what was deprecated, under a group that lists deprecations among other things', () => {
    const notes = [
      '## Bug Fixes and Other Changes',
      '* Deprecations and renames:',
      '  * Removing deprecations for these functions: loom.read_all, loom.write_all.',
      '  * Deprecate loom.read_all in favour of loom.read.',
    ].join('\n');
    const kinds = Object.fromEntries(parseNotes(notes, 'tensorflow/tensorflow').map((i) => [i.text, i.change]));
    expect(kinds).toMatchObject({
      'Removing deprecations for these functions: loom.read_all, loom.write_all.': 'improvement',
      'Deprecate loom.read_all in favour of loom.read.': 'deprecation',
    });
  });
});

describe('something that exists gained an argument', () => {
  it('is improved, as when the verb comes first', () => {
    expect(
      changeFromText('ShardReader added `limit`, `skip` and `strict` arguments with the same meaning as in Loader.'),
    ).toBe('improvement');
    expect(changeFromText('ShardReader added to the public API.')).not.toBe('improvement');
  });
});

describe('comments in the code and fixes to unit tests', () => {
  it('are internal work, also under Documentation or Bug Fixes', () => {
    expect(under('Documentation', ['Added comments to the retry macro for readability (#6101)'])).toEqual({
      'Added comments to the retry macro for readability (#6101)': 'other',
    });
    expect(under('Bug Fixes', ['update stale comment in reader.py (#6102)'])).toEqual({
      'update stale comment in reader.py (#6102)': 'other',
    });
    expect(under('Improvements', ['Fix Scheduler UTs: timeout handling (#6103)'])).toEqual({
      'Fix Scheduler UTs: timeout handling (#6103)': 'other',
    });
    expect(under('Documentation', ['Document the retry macro (#6104)'])).toEqual({
      'Document the retry macro (#6104)': 'docs',
    });
  });
});

describe('a word about tests past the first sentence', () => {
  it('does not make a new tool internal work; one in the first sentence does', () => {
    expect(
      changeFromText(
        'PlanChecker: a new debugging tool that checks shard plans. Given a test input, it reports bad plans.',
      ),
    ).toBe('feature');
    expect(changeFromText('Add tests for the shard planner. It now covers empty inputs.')).toBe('other');
  });
});

describe('support for something named in code', () => {
  it('extends it (a call, a dotted or snake_case name), under an Added heading too; a whole name before "support" is not a new API', () => {
    expect(
      under('Added', [
        'Add GPU support for loom.pack() and loom.unpack() calls',
        'Add `loom.pack()` for packing shards',
      ]),
    ).toEqual({
      'Add GPU support for loom.pack() and loom.unpack() calls': 'improvement',
      'Add loom.pack() for packing shards': 'feature',
    });
    expect(changeFromText('Added ShardSpec support for CompositeReaders.')).toBe('improvement');
    expect(
      under('New features', [
        'Add support for loom_hook handlers on reader arguments (#4105)',
        'Support custom shard names through shard_spec (#4106)',
        'Support Vulkan with loom.native extension APIs (#4107)',
      ]),
    ).toEqual({
      'Add support for loom_hook handlers on reader arguments (#4105)': 'improvement',
      'Support custom shard names through shard_spec (#4106)': 'improvement',
      'Support Vulkan with loom.native extension APIs (#4107)': 'feature',
    });
    expect(changeFromText('Added ShardSpec for CompositeReaders.')).toBe('feature');
  });
});

describe('tests named with fixes', () => {
  it('are a fix; "Additional" is not the verb "add"', () => {
    expect(changeFromText('Additional tests and fixes for the MIN and MAX kernels.')).toBe('fix');
    expect(changeFromText('Additional tests for the MIN and MAX kernels.')).toBe('other');
  });
});

describe('ops listed by name after the verb', () => {
  it('are new ops; support of something in ops is not', () => {
    expect(
      changeFromText(
        'Add zip_pack, zip_unpack, and zip_list ops. Among other things, these read archives with any encoding.',
      ),
    ).toBe('feature');
    expect(changeFromText('Supports native buffer ops - ReadBuffer, WriteBuffer.')).toBe('feature');
    expect(changeFromText('Add int8 support for the MIN and MAX operators.')).toBe('improvement');
    expect(changeFromText('Add checks on shapes to the following ops. Bad inputs now raise an error.')).not.toBe(
      'feature',
    );
  });
});

describe('type hints', () => {
  it('of a named API are what its users see; typing work in general is internal', () => {
    expect(
      under('Developers', [
        'Better type annotation for loom.plan_shards (#7101)',
        'Fixed the type hint of Reader.next() with a default value (#7102)',
        'Add optional typing (#7103)',
      ]),
    ).toEqual({
      'Better type annotation for loom.plan_shards (#7101)': 'improvement',
      'Fixed the type hint of Reader.next() with a default value (#7102)': 'fix',
      'Add optional typing (#7103)': 'other',
    });
  });
});

describe('bullets under a prose lead-in that say nothing themselves', () => {
  const kinds = (lines: string[]) =>
    Object.fromEntries(parseNotes(lines.join('\n'), 'loom/loom').map((i) => [i.text, i.change]));

  it('are framing when the lead-in states no kind', () => {
    expect(
      kinds([
        '## Major Features and Improvements',
        '',
        'Loom 3.0 focuses on speed and clarity, featuring updates like:',
        '',
        '* Simple pipelines with fewer moving parts.',
        '* Dependable storage on any disk.',
        '',
        '## Bug Fixes',
        '',
        '* Fix a crash when the index is empty.',
      ]),
    ).toEqual({
      'Simple pipelines with fewer moving parts.': 'other',
      'Dependable storage on any disk.': 'other',
      'Fix a crash when the index is empty.': 'fix',
    });
  });

  it('take the kind the lead-in states', () => {
    expect(
      kinds([
        '## Major Features and Improvements',
        '',
        'Added two readers for archives:',
        '',
        '* ZipShardReader',
        '* TarShardReader',
      ]),
    ).toEqual({ ZipShardReader: 'feature', TarShardReader: 'feature' });
  });
});

describe('a kernel or an implementation improved', () => {
  it('is performance unless another aim is named', () => {
    expect(
      under('Improvements', [
        'Improve the zstd decoder native implementation (#8101)',
        'Improve the zstd decoder kernel accuracy on short inputs (#8102)',
      ]),
    ).toEqual({
      'Improve the zstd decoder native implementation (#8101)': 'performance',
      'Improve the zstd decoder kernel accuracy on short inputs (#8102)': 'improvement',
    });
  });
});

describe('a case enabled for an existing class', () => {
  it('extends the class, under New features too', () => {
    expect(
      under('New features', [
        'Enable odd block sizes for ShardPlanner (#9101)',
        'Enable the experimental ShardPlanner (#9102)',
      ]),
    ).toEqual({
      'Enable odd block sizes for ShardPlanner (#9101)': 'improvement',
      'Enable the experimental ShardPlanner (#9102)': 'feature',
    });
  });
});

describe('a use of something that exists, now permitted', () => {
  it('extends it, though the item opens on a verb of making', () => {
    expect(changeFromText('Creating loom.Reader under loom.Pool scopes is now allowed.')).toBe('improvement');
    expect(changeFromText('Creating loom.Reader objects from URLs.')).not.toBe('improvement');
  });
});

describe('an audience named first', () => {
  it('is a tag, not the item’s first words', () => {
    expect(
      changeFromText(
        'For loom.Reader implementers: Added the loom.Reader._chunk_layout property to replace chunk_sizes.',
      ),
    ).toBe('improvement');
  });
});

describe('what an addition is for', () => {
  it('does not make it new: a relative clause or a later sentence naming an API', () => {
    expect(
      under(
        'Bug Fixes and Other Changes',
        [
          'Added core_stable build target, which links in only the stable loom APIs.',
          'Enabled calibration for models with custom kernels via loom.spec.registry. Used in the Python API.',
          'Added a plugin API for custom codecs.',
        ],
        'tensorflow/tensorflow',
      ),
    ).toEqual({
      'Added core_stable build target, which links in only the stable loom APIs.': 'improvement',
      'Enabled calibration for models with custom kernels via loom.spec.registry. Used in the Python API.':
        'improvement',
      'Added a plugin API for custom codecs.': 'feature',
    });
  });
});

describe('something from contrib exposed in the core API', () => {
  it('is promoted, not new', () => {
    expect(changeFromText('Expose loom.contrib.codecs.* readers in loom.io (they stay in version 3)')).toBe(
      'improvement',
    );
    expect(changeFromText('Expose loom.io.ZipReader as a public API')).toBe('feature');
  });
});

describe('a base class added to something that exists', () => {
  it('extends it; a base class added on its own is new', () => {
    expect(changeFromText('Add CompositeShard as a base class to ShardReader.')).toBe('improvement');
    expect(changeFromText('Add CompositeShard base class.')).toBe('feature');
  });
});

describe('code and its documentation changed together', () => {
  it('is not docs only; docs and tutorials together are', () => {
    expect(changeFromText('Fixed default value and documentation for the `strict` arg of loom.open.')).toBe('fix');
    expect(changeFromText('Updated tutorials and documentation (#9201)')).toBe('docs');
  });
});

describe('words that only name speed', () => {
  it('make an item performance: NUMA-aware, zero-copy', () => {
    expect(changeFromText('Add NUMA-aware ShardPrefetch reader.')).toBe('performance');
    expect(changeFromText('Enabled zero-copy transfers for the socket backend (#9301)')).toBe('performance');
  });
});

describe('a named API moved to another module or path', () => {
  it('is breaking, as a rename is', () => {
    expect(changeFromText('Move ShardIndex class to loom/core/index.h.')).toBe('breaking');
    expect(changeFromText('Moved loom.io.read_blocks to loom.blocks.read.')).toBe('breaking');
    expect(changeFromText('Move `pack_tokens` to loom::text::detail (#7101)')).toBe('breaking');
  });

  it('is not breaking where it graduates, keeps an alias, or moves build rules or work elsewhere', () => {
    expect(changeFromText('Move loom.contrib.codecs to loom.codecs.')).not.toBe('breaking');
    expect(changeFromText('Move read_blocks to loom.blocks (keeping an alias in loom.io).')).not.toBe('breaking');
    expect(changeFromText('Move loom/core:io_rules targets to loom/io:all.')).not.toBe('breaking');
    expect(changeFromText('Move ShardIndex lookups to C++ (#7102)')).not.toBe('breaking');
    expect(changeFromText('Move _flush_pending to loom.writer._impl.')).not.toBe('breaking');
    expect(changeFromText('Moved ShardView to views/shard_view.dart, re-exported from the old path')).not.toBe(
      'breaking',
    );
  });

  it('is not breaking for documents, scripts, benchmarks or CI moved, nor under a heading that names the kind', () => {
    expect(changeFromText('Moved upgrade_notes.md to docs/upgrade_notes.md')).not.toBe('breaking');
    expect(changeFromText('Move shard_bench to scripts/bench')).not.toBe('breaking');
    expect(changeFromText('Move lint configuration to .ci/lint')).not.toBe('breaking');
    expect(changeFromText('Moved loom.io.json_lines.read to loom.read_json_lines')).toBe('breaking'); // `.json` inside a name
    expect(under('Improvements', ['Moved loom.io.read_blocks to loom.blocks.read.'])).toEqual({
      'Moved loom.io.read_blocks to loom.blocks.read.': 'improvement',
    });
  });
});

describe('a public name given in place of another', () => {
  it('is breaking; advice to use the new name is a migration note', () => {
    expect(changeFromText('Export the zip reader as loom.io.ZipReader instead of loom.archive.ZipReader.')).toBe(
      'breaking',
    );
    expect(changeFromText('The Shard message is now declared in shard.proto instead of index.proto.')).toBe('breaking');
    expect(changeFromText('Use loom.io.ZipReader instead of loom.archive.ZipReader')).toBe('deprecation');
  });

  it('is not a call made differently inside', () => {
    expect(changeFromText('Fixed a crash by calling np.asarray in place of np.array')).toBe('fix');
    expect(changeFromText('Internally rely on importlib.metadata instead of pkg_resources.get_distribution')).not.toBe(
      'breaking',
    );
  });
});

describe('what is said to be replaced', () => {
  it('is breaking; said with "deprecated", a deprecation', () => {
    expect(changeFromText('The `--shards` flag has been replaced by `--partitions`.')).toBe('breaking');
    expect(changeFromText('loom.Session is discouraged, and replaced with plain functions.')).toBe('breaking');
    expect(changeFromText('Deprecate loom.open_legacy, which is replaced by loom.open.')).toBe('deprecation');
  });

  it('is not breaking where what was replaced is not named in code', () => {
    expect(changeFromText('The flaky upload test was replaced with a fake server')).not.toBe('breaking');
    expect(changeFromText('The spinner was replaced with a progress bar in the CLI')).not.toBe('breaking');
  });
});

describe('a behaviour made unconditional', () => {
  it('is breaking, as "now always" is', () => {
    expect(changeFromText('Update the shard name to always include the writer id.')).toBe('breaking');
    expect(changeFromText('Change loom.pack to always return a list.')).toBe('breaking');
    expect(changeFromText('Allow the writer to always flush on close (#7103)')).not.toBe('breaking');
  });

  it('is not breaking for CI, docs or tests made to always do something', () => {
    expect(changeFromText('Update the CI to always run the full matrix')).not.toBe('breaking');
    expect(changeFromText('Updated README to always show the latest badge')).toBe('docs');
  });
});

describe('a recommendation that changed', () => {
  it('is advice, not a requirement', () => {
    expect(
      under('Improvements', [
        'The recommended CMake version for building the plugins has been changed from 3.18 to 3.22.',
      ]),
    ).toEqual({
      'The recommended CMake version for building the plugins has been changed from 3.18 to 3.22.': 'improvement',
    });
    expect(changeFromText('The minimum CMake version has been changed from 3.18 to 3.22.')).toBe('breaking');
  });
});

describe('a move that says the API stays unchanged', () => {
  it('is not breaking; a move without those words is', () => {
    expect(
      changeFromText(
        'The codecs have been moved to the loom-codecs package. The public loom.codecs API stays unchanged.',
      ),
    ).not.toBe('breaking');
    expect(changeFromText('The codecs have been moved to the loom-codecs package.')).toBe('breaking');
  });
});

describe("a change to the code's insides listed under a breaking heading", () => {
  it('breaks nothing a user calls', () => {
    expect(
      under('Breaking Changes', [
        'Remove loom.contrib.stats dependency on loom distributions.',
        'Replace contrib references with loom.io.* for readers in shard_utils.py.',
        'Remove the loom.contrib.stats module.',
      ]),
    ).toEqual({
      'Remove loom.contrib.stats dependency on loom distributions.': 'other',
      'Replace contrib references with loom.io.* for readers in shard_utils.py.': 'improvement',
      'Remove the loom.contrib.stats module.': 'breaking',
    });
  });

  it('but breaks where users must act, or the old name is said to be gone', () => {
    expect(
      under('Breaking Changes', [
        'Remove loom.ui dependencies on the renderer package; install loom-ui yourself',
        'Replace all references to `Client` with `HttpClient` in client.ts, the old name is gone',
      ]),
    ).toEqual({
      'Remove loom.ui dependencies on the renderer package; install loom-ui yourself': 'breaking',
      'Replace all references to Client with HttpClient in client.ts, the old name is gone': 'breaking',
    });
  });

  it('but a package users install is not internal', () => {
    expect(under('Improvements', ['Remove runtime dependency on zstandard (#7104)'])).toEqual({
      'Remove runtime dependency on zstandard (#7104)': 'improvement',
    });
  });
});
