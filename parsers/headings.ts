/**
 * The headings above the point being read, with what each says under the repo's profile (breaking, skipped,
 * the kind it names, the PRs it cites). Derived arrays are cached per heading state: the items under the
 * same headings share one `section` array, which the classifier caches by identity.
 */
import { type ChangeHeading, matchChangeHeading } from './change.js';
import type { RepoProfile } from './profiles.js';
import { sectionKey } from './text.js';

export interface Heading {
  depth: number;
  text: string;
  breaking: boolean;
  skip: boolean;
  /** PRs the heading cites: PyTorch puts them in `### Title (#123)` with the explanation below. */
  refs: number[];
  /** The kind of change the heading names, if any ("Bug Fixes", "Deprecations"). */
  change: ChangeHeading | null;
}

export class HeadingStack {
  private readonly stack: Heading[] = [];
  private sectionCache: string[] | null = null;
  private keyCache: string | null = null;
  private changeCache: (ChangeHeading | null)[] | null = null;

  constructor(private readonly profile: RepoProfile) {}

  /** A heading of this depth closes the ones at its depth or deeper; an empty one only closes. */
  enter(depth: number, text: string, refs: number[]): void {
    this.changed();
    while (this.stack.length && this.stack[this.stack.length - 1]!.depth >= depth) this.stack.pop();
    if (!text) return;
    const name = sectionName(text);
    this.stack.push({
      depth,
      text,
      breaking: this.profile.breaking.test(name),
      skip: this.profile.skip.test(name),
      refs,
      change: matchChangeHeading(this.profile.changes, name),
    });
  }

  get innermost(): Heading | undefined {
    return this.stack.at(-1);
  }

  /** Runs `fn` with the innermost heading set aside: a heading that is an item's title is not its section. */
  without<T>(fn: () => T): T {
    const self = this.stack.pop();
    this.changed();
    try {
      return fn();
    } finally {
      if (self) this.stack.push(self);
      this.changed();
    }
  }

  get section(): string[] {
    return (this.sectionCache ??= this.stack.map((h) => h.text));
  }
  get sectionKey(): string {
    return (this.keyCache ??= sectionKey(this.section));
  }
  get changes(): (ChangeHeading | null)[] {
    return (this.changeCache ??= this.stack.map((h) => h.change));
  }
  get breaking(): boolean {
    return this.stack.some((h) => h.breaking);
  }
  /** The breaking headings above only name changes in behaviour ("Behavioral changes"), not incompatibilities. */
  get behaviourOnly(): boolean {
    return this.stack.every((h) => !h.breaking || BEHAVIOUR.test(h.text));
  }
  get skipping(): boolean {
    return this.stack.some((h) => h.skip);
  }
  /** The refs of the nearest heading that cites any: an explanation under `### Title (#N)` inherits them. */
  get refs(): number[] {
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i]!.refs.length) return this.stack[i]!.refs;
    return [];
  }

  private changed(): void {
    this.sectionCache = null;
    this.keyCache = null;
    this.changeCache = null;
  }
}

/** A heading that lists changes in behaviour: bug fixes that change results are listed there too. */
const BEHAVIOUR = /\bbehaviou?r(?:al)? changes?\b/i;

/** A heading without the decorations before its words: emoji, `:sparkles:` shortcodes, "⚠", "🚨🚨🚨". */
function sectionName(text: string): string {
  return text.replace(/^(?:\s*:[\w+-]+:|[^\p{L}\p{N}`]+)+/u, '');
}
