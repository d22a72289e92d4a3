/**
 * A rule's id: its field and a hash of its pattern (`headings:5b0f6c1e2a9d`). It follows the rule's text,
 * not its place in the config: reordering the config keeps it, editing the pattern gives a new one. The
 * store keeps evidence by rule id and each rule's text once (src/store/rules.ts).
 */
import { hash } from 'node:crypto';

/** A rule as evidence names it, `<field>:<pattern>`, split at its first colon (field names have none). */
export function splitRule(rule: string): { field: string; pattern: string } {
  const at = rule.indexOf(':');
  return { field: rule.slice(0, at), pattern: rule.slice(at + 1) };
}

/** 48 bits of the hash: a collision among even 100,000 rules is a one-in-50,000 chance (the store checks). */
export function ruleId(rule: string): string {
  const { field, pattern } = splitRule(rule);
  return `${field}:${hash('sha256', pattern).slice(0, 12)}`;
}
