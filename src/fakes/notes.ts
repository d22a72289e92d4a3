/** Release bodies in the style of the real notes, for poll and delivery tests. */

export function tfNotes(version: string, extra: string[] = []): string {
  return [
    `# Release ${version}`,
    '',
    '## Major Features and Improvements',
    '',
    '*   `tf.lite`:',
    '    *   Added int8 support for `SQRT` in the TFLite converter.',
    '*   `tf.distribute`:',
    '    *   `MultiWorkerMirroredStrategy` now recovers from worker preemption.',
    ...extra,
    '',
    '## Bug Fixes and Other Changes',
    '',
    '*   Fixed a crash in `tf.math.segment_sum` with empty inputs.',
    '*   Windows: fixed DLL search paths for CUDA libraries.',
  ].join('\r\n');
}

export function torchNotes(
  version: string,
  distributed: string[] = ['Fixed a hang in `ProcessGroupNCCL` abort (#1001)'],
): string {
  return [
    `# PyTorch ${version} Release Notes`,
    '',
    '# Improvements',
    '## Distributed',
    ...distributed.map((d) => `- ${d}`),
    '## Releng',
    '- Added CUDA 13.0 wheels (#1002)',
    '## Python Frontend',
    '- Added `torch.foo` (#1003)',
  ].join('\n');
}
