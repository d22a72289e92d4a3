import { Classifier } from '../../src/classify/classifier.js';
import { builtinCategories } from '../../src/config/load.js';

/** The classifier with the built-in categories, shared by tests. */
export const builtinClassifier = new Classifier(builtinCategories());
