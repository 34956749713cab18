/** Zod atoms shared by the detections pack's tools. */
import { z } from 'zod';

export const DETECTION_TYPES = ['rules', 'scheduled_rules', 'simple_rules', 'policies'] as const;
export type DetectionType = (typeof DETECTION_TYPES)[number];

export const detectionType = z.enum(DETECTION_TYPES);

/** One or more detection types; duplicates are ignored. */
export const detectionTypes = z.array(detectionType).min(1).default(['rules']);

export const detectionId = z.string().min(1);

export const SEVERITIES = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const severity = z.enum(SEVERITIES);

/** A page cursor: the `next_cursor` of the previous call. */
export const cursor = z.string().optional();

/** Page size of the detection, helper and data-model endpoints. */
export const limit = z.number().int().min(1).max(1000).default(100);

/** An optional free-text filter. */
export const text = z.string().optional();

/** An optional list filter (any of the values). */
export const strings = z.array(z.string()).optional();
