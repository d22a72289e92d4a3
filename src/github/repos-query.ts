/**
 * One GraphQL query about many repositories: an alias per repo (`r0`, `r1`, …) with its owner and name as
 * variables, so that one request (one point) reads what would be a REST request per repo.
 */
import type { GitHubClient } from './client.js';

/**
 * Runs `name` with `fields` (the selection under `repository`) for each repo, plus `extra` at the top level.
 * Answers by repo: null where GitHub could not resolve it (not found, renamed away: a partial answer still
 * carries the other repos' data), and null where an error points inside the repo's answer (a field GitHub
 * could not read is null there, which would pass for an empty value): such a repo is asked again by REST.
 */
export async function queryRepos<T, Extra extends object = object>(
  client: GitHubClient,
  name: string,
  repos: readonly string[],
  fields: string,
  extra = '',
): Promise<{ byRepo: Map<string, T | null>; extra: Partial<Extra> }> {
  const variables: Record<string, string> = {};
  const vars: string[] = [];
  const aliases: string[] = [];
  repos.forEach((repo, i) => {
    const [owner, repoName] = repo.split('/') as [string, string];
    variables[`o${i}`] = owner;
    variables[`n${i}`] = repoName;
    vars.push(`$o${i}: String!, $n${i}: String!`);
    aliases.push(`r${i}: repository(owner: $o${i}, name: $n${i}) { ${fields} }`);
  });
  const query = `query ${name}(${vars.join(', ')}) {\n  ${extra ? `${extra}\n  ` : ''}${aliases.join('\n  ')}\n}`;
  type Answer = Record<string, T | null> & Partial<Extra>;
  let data: Answer;
  const broken = new Set<string>();
  try {
    data = await client.octokit.graphql<Answer>(query, variables);
  } catch (e) {
    const partial = (e as { data?: Answer }).data;
    if (!partial) throw e;
    data = partial;
    for (const err of (e as { errors?: { path?: (string | number)[] }[] }).errors ?? [])
      if (err.path && err.path.length > 1) broken.add(String(err.path[0]));
  }
  return {
    byRepo: new Map(repos.map((repo, i) => [repo, broken.has(`r${i}`) ? null : (data[`r${i}`] ?? null)])),
    extra: data,
  };
}
