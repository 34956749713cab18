/**
 * A catalog narrowed to a toolset request: the tools the requests select (and, when one asks for it, only read
 * tools), with the prompts, templates and views that go with them, instructions for what is left, and the tools
 * left out listed as hidden (reason `toolset`). Narrowing works on what the catalog already serves, so it can
 * only take away. Narrowed catalogs are kept per catalog and request: a reload's new catalog starts afresh.
 */
import type { PantherTarget } from '../types.js';
import type { Catalog, PolicyState } from './catalog.js';
import type { HiddenTool, ToolEntry } from './filterTools.js';
import { buildInstructions } from './instructions.js';
import { narrowToolset } from './toolset.js';
import { describeRequests, narrows, selects, type ToolsetRequest } from './toolsetRequest.js';

/** Different requests kept per catalog at most (clients choose headers freely). */
const MAX_KEPT = 64;

export function narrowCatalog(
  catalog: Catalog,
  requests: readonly ToolsetRequest[],
  target: PantherTarget,
): Catalog {
  const active = requests.filter(narrows);
  if (active.length === 0) return catalog;
  const readOnly = active.some((r) => r.readOnly === true);
  const asked = JSON.stringify(describeRequests(active));
  const enabled: ToolEntry[] = [];
  const hidden: HiddenTool[] = [...catalog.policy.tools.hidden];
  for (const entry of catalog.policy.tools.enabled) {
    const selected = active.every((r) => selects(r, entry.pack.pack.id, entry.tool.name));
    if (!selected)
      hidden.push({ ...entry, reason: 'toolset', detail: `not in the toolset asked for (${asked})` });
    else if (readOnly && entry.tool.access === 'write') {
      hidden.push({
        ...entry,
        reason: 'toolset',
        detail: 'a write tool, and the toolset asked for is read-only',
      });
    } else enabled.push(entry);
  }
  const mode = readOnly ? 'read-only' : catalog.policy.mode;
  const policy: PolicyState = { ...catalog.policy, mode, tools: { enabled, hidden } };
  const keep = new Set(enabled.map((e) => e.tool.name));
  const served = catalog.packs.filter((p) => enabled.some((e) => e.pack === p));
  return {
    packs: catalog.packs,
    policy,
    toolset: narrowToolset(catalog.toolset, keep, mode),
    instructions: buildInstructions({ mode, target, packs: served, untrusted: catalog.toolset.untrusted }),
  };
}

/** `narrowCatalog`, remembered per catalog and request (sessions and stateless requests ask again and again). */
export function rememberedNarrowing(
  target: PantherTarget,
): (catalog: Catalog, requests: readonly ToolsetRequest[]) => Catalog {
  const kept = new WeakMap<Catalog, Map<string, Catalog>>();
  return (catalog, requests) => {
    if (!requests.some(narrows)) return catalog;
    const key = JSON.stringify(
      requests.filter(narrows).map((r) => [r.packs ?? [], r.tools ?? [], r.readOnly === true]),
    );
    let byRequest = kept.get(catalog);
    if (byRequest === undefined) {
      byRequest = new Map();
      kept.set(catalog, byRequest);
    }
    const found = byRequest.get(key);
    if (found) return found;
    const narrowed = narrowCatalog(catalog, requests, target);
    if (byRequest.size >= MAX_KEPT) byRequest.delete(byRequest.keys().next().value as string);
    byRequest.set(key, narrowed);
    return narrowed;
  };
}
