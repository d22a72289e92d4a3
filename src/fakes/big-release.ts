/** A large release body in the style of PyTorch's notes, written here: many items per category and kind of change. */

export function bigTorchNotes(version: string, perSection = 30): string {
  const sections: [string, string][] = [
    ['Backwards Incompatible Changes', 'Removed the deprecated'],
    ['Deprecations', 'Deprecated the old'],
    ['New Features', 'Added a new'],
    ['Improvements', 'Improved the'],
    ['Bug fixes', 'Fixed a crash in the'],
    ['Performance', 'Sped up the'],
    ['Documentation', 'Documented the'],
  ];
  const areas: [string, string][] = [
    ['Distributed', '`ProcessGroupNCCL` collective'],
    ['Releng', 'CUDA 13.0 wheel for manylinux'],
    ['Mobile', 'ExecuTorch Android runtime'],
    ['Windows', 'file path handling on Windows'],
    ['Quantization', 'int8 quantized linear kernel'],
  ];
  const out = [`# PyTorch ${version} Release Notes`, ''];
  let pr = 100000;
  for (const [heading, verb] of sections) {
    out.push(`# ${heading}`);
    for (const [area, what] of areas) {
      out.push(`## ${area}`);
      const n = heading.startsWith('Backwards') || heading.startsWith('Deprecations') ? 2 : perSection;
      for (let i = 0; i < n; i++) {
        out.push(
          `- ${verb} ${what} path number ${i} in ${area.toLowerCase()}. With a second sentence that explains the reason in more words than anyone reads in a channel (#${pr++})`,
        );
      }
    }
  }
  return out.join('\n');
}
