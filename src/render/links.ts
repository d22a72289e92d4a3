/** Links into GitHub for a repo's PRs and issues (GitHub redirects /pull/N to the issue when N is one). */
export function refUrl(repo: string | null, ref: number): string | null {
  return repo ? `https://github.com/${repo}/pull/${ref}` : null;
}
