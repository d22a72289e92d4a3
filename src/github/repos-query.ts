/**
 * One GraphQL query about many repositories: an alias per repo (`r0`, `r1`, …) with its owner and name as
 * variables, so that one request (one point) reads what would be a REST request per repo.
 */
import type { GitHubClient } from './client.js';

/**
 * Runs `name` with `fields` (the selection under `repository`) for each repo, plus `extra` at the top level.
 * Answers by repo: null where GitHub could not resolve it (not found, renamed away: a partial answer still
 * carries the other repos' data).
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
  try {
    data = await client.octokit.graphql<Answer>(query, variables);
  } catch (e) {
    const partial = (e as { data?: Answer }).data;
    if (!partial) throw e;
    data = partial;
  }
  return { byRepo: new Map(repos.map((repo, i) => [repo, data[`r${i}`] ?? null])), extra: data };
}
