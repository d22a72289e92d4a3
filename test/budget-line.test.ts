// The line a poll prints on what it spent of GitHub's budgets (issue 27).
import { describe, expect, it } from 'vitest';
import { budgetLine } from '../src/render/event-text.js';

const none = { requests: 0, points: 0, waitedMs: 0, remaining: null, limit: null };

describe('budgetLine', () => {
  it('names each stream used, its points where they differ from its requests, the pace waited and what is left', () => {
    expect(
      budgetLine({
        rest: { requests: 12, points: 2, waitedMs: 61_000, remaining: 4988, limit: 5000 },
        graphql: { requests: 2, points: 3, waitedMs: 0, remaining: 4997, limit: 5000 },
      }),
    ).toBe(
      'GitHub budget: REST 12 requests, 2 points, paced 61.0 s (4,988 of 5,000 left); GraphQL 2 queries, 3 points (4,997 of 5,000 left)',
    );
    expect(budgetLine({ rest: none, graphql: { ...none, requests: 1, points: 1 } })).toBe(
      'GitHub budget: GraphQL 1 query',
    );
    expect(budgetLine({ rest: none, graphql: none })).toBeNull();
    expect(
      budgetLine({ rest: { ...none, requests: 1, points: 1, remaining: 1_234_567, limit: 12_000_000 }, graphql: none }),
    ).toBe('GitHub budget: REST 1 request (1,234,567 of 12,000,000 left)');
  });
});
