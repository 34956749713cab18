/** Zod atoms shared by the detections pack's tools, built on core's parameter builders. */
import { cursorParam, idParam, textParam } from '@mcp-panther/core';
import { z } from 'zod';

export const DETECTION_TYPES = ['rules', 'scheduled_rules', 'simple_rules', 'policies'] as const;
export type DetectionType = (typeof DETECTION_TYPES)[number];

export const detectionType = z.enum(DETECTION_TYPES);

/** One or more detection types; duplicates are ignored. */
export const detectionTypes = z.array(detectionType).min(1).max(DETECTION_TYPES.length).default(['rules']);

/** A detection, global helper or data model id (`AWS.CloudTrail.Stopped`, `panther_base_helpers`). */
export const detectionId = idParam();

export const SEVERITIES = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;

/** A page cursor: the `next_cursor` of the previous call. */
export const cursor = cursorParam().optional();

/** Page size of the detection, helper and data-model endpoints. */
export const limit = z.number().int().min(1).max(1000).default(100);

/** An optional free-text filter. */
export const text = textParam(100).optional();

/** An optional list filter (any of the values), short enough for a URL. */
export const strings = z.array(textParam(100)).max(50).optional();
