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
    expect(Object.keys(builtinCategories()).sort()).toEqual(['distributed', 'mobile', 'packaging', 'quantization', 'windows']);
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
    expect(cats['The tensorflow pip package now includes GPU support by default for both Linux and Windows.']).toEqual(['packaging', 'windows']);
    expect(cats['Windows users: Officially-released pip packages are now built with Visual Studio 2022.']).toEqual(['packaging', 'windows']);
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
      ['* Added bfloat16 autocast (AMP) support for `conv3d`.', '* Added int8 dynamic range quantization for `Conv3D` in the TFLite converter.'].join('\n'),
    );
    expect(cats['Added bfloat16 autocast (AMP) support for conv3d.']).toEqual([]);
    expect(cats['Added int8 dynamic range quantization for Conv3D in the TFLite converter.']).toEqual(['mobile', 'quantization']);
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
    const c = new Classifier(mergeCategories(builtinCategories(), { cuda: rules({ keywords: ['CUDA', 'cuDNN'], headings: ['^cuda$'] }) }));
    const [a, b] = c.classifyAll(parseNotes('# CUDA\n- Faster kernels (#1)\n# Other\n- Upgraded cuDNN to 9.1 (#2)', 'pytorch/pytorch'));
    expect(a!.categories).toEqual(['cuda']);
    expect(a!.evidence[0]).toEqual({ category: 'cuda', rule: 'headings:^cuda$', match: 'CUDA' });
    expect(b!.categories).toEqual(expect.arrayContaining(['cuda', 'packaging']));
  });

  it('replaces a built-in category, or extends it with extend: true', () => {
    const md = '* Added a Windows ARM64 wheel.\n* Fixed Cygwin paths.';
    const replaced = new Classifier(mergeCategories(builtinCategories(), { windows: rules({ keywords: ['Cygwin'] }) }));
    expect(replaced.classifyAll(parseNotes(md, 'a/b')).map((i) => i.categories.includes('windows'))).toEqual([false, true]);
    const extended = new Classifier(mergeCategories(builtinCategories(), { windows: rules({ extend: true, keywords: ['Cygwin'] }) }));
    expect(extended.classifyAll(parseNotes(md, 'a/b')).map((i) => i.categories.includes('windows'))).toEqual([true, true]);
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
    expect(c.classifyAll(parseNotes('* a WIN here\n* a win there', 'a/b')).map((i) => i.categories)).toEqual([['win'], []]);
  });
});
