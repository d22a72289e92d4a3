import { describe, expect, it } from 'vitest';
import { Classifier } from '../src/classify/classifier.js';
import { builtinCategories, mergeCategories } from '../src/config/load.js';
import { CategoryRulesSchema } from '../src/config/schema.js';
import { parseNotes } from '../parsers/index.js';
import { builtinClassifier } from './helpers/classifier.js';

const classify = (md: string, repo = 'tensorflow/tensorflow') => builtinClassifier.classifyAll(parseNotes(md, repo));
const byText = (md: string, repo?: string) => Object.fromEntries(classify(md, repo).map((i) => [i.text, i.categories]));

describe('built-in categories', () => {
  it('are the five of CATEGORIES.md', () => {
    expect(Object.keys(builtinCategories()).sort()).toEqual([
      'distributed',
      'mobile',
      'packaging',
      'quantization',
      'windows',
    ]);
  });

  it('give an item several categories, or none', () => {
    const cats = byText(
      [
        '# Release 9.1.0',
        '## Major Features and Improvements',
        '* The `tensorflow` pip package now includes GPU support by default for both Linux and Windows.',
        '* Windows users: Officially-released pip packages are now built with Visual Studio 2022.',
        '* Added `tf.math.special_fn` for elementwise special functions.',
      ].join('\n'),
    );
    expect(cats['The tensorflow pip package now includes GPU support by default for both Linux and Windows.']).toEqual([
      'packaging',
      'windows',
    ]);
    expect(cats['Windows users: Officially-released pip packages are now built with Visual Studio 2022.']).toEqual([
      'packaging',
      'windows',
    ]);
    expect(cats['Added tf.math.special_fn for elementwise special functions.']).toEqual([]);
  });

  it('use the heading and parent-bullet context', () => {
    const cats = byText(
      [
        '# Improvements',
        '## Distributed',
        '- Fixed a hang on shutdown (#1001)',
        '## Python Frontend',
        '- Fixed a hang on shutdown in the data loader (#1002)',
        '## Releng',
        '- Moved CI to newer runners (#1003)',
        '* `tf.lite`:',
        '    * Added support for `BatchMatMul`.',
      ].join('\n'),
      'pytorch/pytorch',
    );
    expect(cats['Fixed a hang on shutdown (#1001)']).toEqual(['distributed']);
    expect(cats['Fixed a hang on shutdown in the data loader (#1002)']).toEqual([]);
    expect(cats['Moved CI to newer runners (#1003)']).toEqual(['packaging']);
    expect(cats['Added support for BatchMatMul.']).toContain('mobile');
  });

  it('match module prefixes but not look-alike names', () => {
    const cats = byText(
      [
        '* Added `torch.distributed.tensor.parallel` loss parallel.',
        '* Added a `torch.distributions.Gamma` sampler.',
        '* Fixed `tf.lite.Interpreter` on iOS.',
        '* Apple MPS: faster `matmul` on Macs.',
        '* Added a sliding window attention kernel.',
      ].join('\n'),
    );
    expect(cats['Added torch.distributed.tensor.parallel loss parallel.']).toEqual(['distributed']);
    expect(cats['Added a torch.distributions.Gamma sampler.']).toEqual([]);
    expect(cats['Fixed tf.lite.Interpreter on iOS.']).toEqual(['mobile']);
    expect(cats['Apple MPS: faster matmul on Macs.']).toEqual([]);
    expect(cats['Added a sliding window attention kernel.']).toEqual([]);
  });

  it('keep mixed precision out of quantization and find int8 quantization', () => {
    const cats = byText(
      [
        '* Added bfloat16 autocast (AMP) support for `conv3d`.',
        '* Added int8 dynamic range quantization for `Conv3D` in the TFLite converter.',
      ].join('\n'),
    );
    expect(cats['Added bfloat16 autocast (AMP) support for conv3d.']).toEqual([]);
    expect(cats['Added int8 dynamic range quantization for Conv3D in the TFLite converter.']).toEqual([
      'mobile',
      'quantization',
    ]);
  });

  it('packaging: dependencies added, removed or bumped, not graph control dependencies', () => {
    const cats = byText(
      [
        '* The TensorBoard (TB) dependency has been removed starting with TF 2.21.',
        '* Updates `sqlite` dependency to 3.28.0.',
        '* Add HOP for additional control dependencies to enforce explicit scheduling.',
        '* Performance, precision, and dependency improvements to B2B-GEMM',
      ].join('\n'),
    );
    expect(cats['The TensorBoard (TB) dependency has been removed starting with TF 2.21.']).toEqual(['packaging']);
    expect(cats['Updates sqlite dependency to 3.28.0.']).toEqual(['packaging']);
    expect(cats['Add HOP for additional control dependencies to enforce explicit scheduling.']).toEqual([]);
    expect(cats['Performance, precision, and dependency improvements to B2B-GEMM']).toEqual([]);
  });

  // Items in the style of releases the rules were not written against (old flat lists, other wording).
  const vocabulary: [string, string[]][] = [
    // toolchains, compilers, build flags and build-time ABI
    ['Official wheels are now built using devtoolset9 (GCC 9); extensions need the same ABI.', ['packaging']],
    ['Fix an internal compiler error in Apple Clang when building with -march=armv9-a.', ['packaging']],
    ['Work around an overload ambiguity under libc++.', ['packaging']],
    ['Fix a template error with the Microsoft STL.', ['packaging', 'windows']],
    ['FOO_INSTALL_PATH is deprecated; set TF_CUDA_PATHS instead.', ['packaging']],
    ['Added XYZ support to the --config=mkl_riscv build.', ['packaging']],
    ['Moved to manylinux_2_34, so distros with glibc2_28 are no longer supported.', ['packaging']],
    ['Dropped support for Triton < 3.0 (versions without the new API).', ['packaging']],
    ['Do not depend on sympy when importing torch.fx.', ['packaging']],
    ['The ROCm builds now enable hipBLASLt.', ['packaging']],
    ['Enable onednn in the framework for riscv64.', ['packaging']],
    ['Fix a model compiled with jit_compile=True under a mixed policy.', []],
    ['Easy model building with Keras layers.', []],
    // pip package names and extras
    ['New tensorflow-tpu and tensorflow[and-cuda] install targets.', ['packaging']],
    // Windows named in a list of platforms is not Windows-specific; Windows alone is
    ['Faster kernels in the official Linux and Windows builds.', ['packaging']],
    ['Faster kernels on Linux, macOS and Windows.', []],
    // TFLite interpreter, delegate and converter APIs that never say "lite"
    ['Added HW acceleration support for `Softmax`.', ['mobile']],
    ['`ResizeInputTensor` now works with every delegate.', ['mobile']],
    ['Bumps the version number of the `Conv2D` op to 7.', ['mobile']],
    ['Removed `Interpreter::UseFoo(bool)`; use `Interpreter.Options` instead.', ['mobile']],
    ['Fixed `toco` conversion of LSTM graphs.', ['mobile']],
    ['Removed :android_foo_selective targets.', ['mobile']],
    ['The forward pass delegates to the fused kernel.', []],
    // tf.data service, DistributionStrategy in one word, functional collectives
    ['tf.data service workers can now share a cache.', ['distributed']],
    ['Added `num_consumers` to `data_service_ops.from_dataset_id`.', ['distributed']],
    ['Keras fit now works inside a DistributionStrategy scope.', ['distributed']],
    ['Functional collectives now trace through torch.compile.', ['distributed']],
    ['Support a custom ClusterSpec for the parameter workers.', ['distributed']],
    ['Introduces base implementations of ClusterResolvers.', ['distributed']],
    ['Added verbs-based RDMA transport to contrib.', ['distributed']],
    ['Adds the SQUARE op to tensorflow/lite/schema.fbs.', ['mobile']],
    ['Allow any installed CUDA >= 9.0 and cuDNN >= R5.', ['packaging']],
    ['From the next release our prebuilt binaries will use AVX2.', ['packaging']],
    ['cuDNN 9 support.', ['packaging']],
    // integer matmul kernels, packed integer weights, quantized ops and their zero-points; TF-TRT INT8
    ['Support `_int_mm` in AOTInductor.', ['quantization']],
    ['New CPU template for `_weight_int4pack_mm`.', ['quantization']],
    ['Autotune i8 x i8 -> i32 GEMM on AMX.', ['quantization']],
    ['Fuse post ops into qlinear.', ['quantization']],
    ['Cache zero-point buffers.', ['quantization']],
    ['Serialize uintx tensors in weights_only.', ['quantization']],
    ['To build INT8 engines, pass a calibration_input_fn to convert().', ['quantization']],
    ['Fixes a heap out of bounds read in RequantizationRange.', ['quantization']],
    ['SpaceToDepth supports the uint8 data type.', []],
  ];
  it.each(vocabulary)('vocabulary groups generalise: %s', (text, want) => {
    expect(byText(`* ${text}`)[classify(`* ${text}`)[0]!.text]).toEqual(want);
  });

  it('a heading or parent that names quantization anywhere puts its items there', () => {
    const cats = byText(
      [
        '# Release',
        '## Use the new export for PT2E quantization (#101)',
        'The old capture API is removed.',
        '## TensorFlow Lite',
        '* tf.lite',
        '  * 16-bit quantization',
        '    * Tests and fixes for ADD and SUB operators.',
      ].join('\n'),
      'pytorch/pytorch',
    );
    // The heading cites a PR and prose follows: one item titled by the heading, the prose its body.
    expect(cats['Use the new export for PT2E quantization (#101)']).toEqual(['quantization']);
    expect(cats['The old capture API is removed.']).toBeUndefined();
    expect(cats['Tests and fixes for ADD and SUB operators.']).toEqual(['mobile', 'quantization']);
  });

  it('records which rule fired on what text', () => {
    const [item] = classify('* Fixed `ProcessGroupNCCL` abort with NCCL 2.21 (#1)');
    expect(item!.categories).toContain('distributed');
    const ev = item!.evidence.filter((e) => e.category === 'distributed');
    expect(ev.length).toBeGreaterThan(0);
    for (const e of ev) {
      expect(e.rule).toMatch(/^(modules|keywords|regexes|headings|parents):/);
      expect(item!.text.toLowerCase()).toContain(e.match.toLowerCase());
    }
    expect(ev.map((e) => e.rule)).toContain('keywords:NCCL');
  });
});

describe('user categories', () => {
  const rules = (r: unknown) => CategoryRulesSchema.parse(r);

  it('adds a new category with the same rule language', () => {
    const c = new Classifier(
      mergeCategories(builtinCategories(), { cuda: rules({ keywords: ['CUDA', 'cuDNN'], headings: ['^cuda$'] }) }),
    );
    const [a, b] = c.classifyAll(
      parseNotes('# CUDA\n- Faster kernels (#1)\n# Other\n- Upgraded cuDNN to 9.1 (#2)', 'pytorch/pytorch'),
    );
    expect(a!.categories).toEqual(['cuda']);
    expect(a!.evidence[0]).toEqual({ category: 'cuda', rule: 'headings:^cuda$', match: 'CUDA' });
    expect(b!.categories).toEqual(expect.arrayContaining(['cuda', 'packaging']));
  });

  it('replaces a built-in category, or extends it with extend: true', () => {
    const md = '* Added a Windows ARM64 wheel.\n* Fixed Cygwin paths.';
    const replaced = new Classifier(mergeCategories(builtinCategories(), { windows: rules({ keywords: ['Cygwin'] }) }));
    expect(replaced.classifyAll(parseNotes(md, 'a/b')).map((i) => i.categories.includes('windows'))).toEqual([
      false,
      true,
    ]);
    const extended = new Classifier(
      mergeCategories(builtinCategories(), { windows: rules({ extend: true, keywords: ['Cygwin'] }) }),
    );
    expect(extended.classifyAll(parseNotes(md, 'a/b')).map((i) => i.categories.includes('windows'))).toEqual([
      true,
      true,
    ]);
  });

  it('exclude vetoes a category; exclude_context ignores only headings and parents', () => {
    const md = '# Security\n- Fixed a heap overflow (#1)\n- Fixed a CVE in the Python runner (#2)';
    const c = new Classifier({
      security: rules({ headings: ['^security$'], keywords: ['CVE'], exclude_context: ['\\bheap\\b'] }),
      python: rules({ keywords: ['Python'], exclude: ['\\bCVE\\b'] }),
    });
    const [a, b] = c.classifyAll(parseNotes(md, 'a/b'));
    expect(a!.categories).toEqual([]);
    expect(b!.categories).toEqual(['security']);
  });

  it('honours /source/flags for case-sensitive regexes', () => {
    const c = new Classifier({ win: rules({ regexes: ['/\\bWIN\\b/'] }) });
    expect(c.classifyAll(parseNotes('* a WIN here\n* a win there', 'a/b')).map((i) => i.categories)).toEqual([
      ['win'],
      [],
    ]);
  });
});
