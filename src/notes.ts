/** parse + classify: the pure core's entry point for one release body. */
import { parseNotes } from '../parsers/index.js';
import type { Classifier } from './classify/classifier.js';
import type { Item } from '../parsers/model.js';

export function parseAndClassify(body: string, repo: string, classifier: Classifier): Item[] {
  return classifier.classifyAll(parseNotes(body, repo));
}
