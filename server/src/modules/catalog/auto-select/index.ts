/** `model: "auto"`: classify the ask, then choose among the candidates the catalog service priced. */
export * from './auto-select.types.js';
export { classifyTask } from './classifier.js';
export { describe, effectiveQuality, requiredQuality, selectModel, type SelectionInput } from './selector.js';
