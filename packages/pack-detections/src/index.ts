/**
 * @mcp-panther/pack-detections: the public API is the pack object (named export and default).
 * Rules, scheduled rules, simple rules, policies, global helpers and data models.
 */
import { definePack } from '@mcp-panther/core';
import detectionResource from './resources/detection.js';
import disableDetection from './tools/disable-detection.js';
import getDataModel from './tools/get-data-model.js';
import getDetection from './tools/get-detection.js';
import getGlobalHelper from './tools/get-global-helper.js';
import listDataModels from './tools/list-data-models.js';
import listDetections from './tools/list-detections.js';
import listGlobalHelpers from './tools/list-global-helpers.js';

export const detectionsPack = definePack({
  id: 'detections',
  title: 'Detections',
  description: 'Panther rules, scheduled rules, simple rules, policies, global helpers and data models.',
  version: '0.1.0',
  coreRange: '^0.1.0',
  tools: [
    listDetections,
    getDetection,
    disableDetection,
    listGlobalHelpers,
    getGlobalHelper,
    listDataModels,
    getDataModel,
  ],
  resources: [detectionResource],
  instructions:
    'Detections come in four types (rules, scheduled_rules, simple_rules, policies); list_detections gives ' +
    'ids and summaries, get_detection the code and tests.',
});

export default detectionsPack;
