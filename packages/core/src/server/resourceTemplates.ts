import type { ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import { isContentOutput } from '../define/content.js';
import type { ResourceTemplateDefinition } from '../define/types.js';
import { compileUriTemplate, type UriTemplate } from '../resources/uriTemplate.js';
import type { ValidatedPack } from '../types.js';

/** A resource template ready to serve: its pack, its compiled URI and its `resources/templates/list` entry. */
export interface PreparedTemplate {
  readonly pack: ValidatedPack;
  readonly template: ResourceTemplateDefinition;
  readonly uri: UriTemplate;
  readonly definition: ResourceTemplate;
}

/** The templates of the enabled packs, sorted by URI (a stable order for the list). */
export function prepareTemplates(packs: readonly ValidatedPack[]): PreparedTemplate[] {
  const out: PreparedTemplate[] = [];
  for (const pack of packs) {
    if (!pack.enabled) continue;
    for (const template of pack.pack.resources ?? []) {
      const tool = pack.pack.tools.find((t) => t.name === template.tool);
      // A tool's JSON result is application/json; content blocks say their own type unless the template does.
      const mimeType = template.mimeType ?? (isContentOutput(tool?.output) ? undefined : 'application/json');
      out.push({
        pack,
        template,
        uri: compileUriTemplate(template.uriTemplate),
        definition: {
          name: template.name,
          title: template.title,
          uriTemplate: template.uriTemplate,
          description: template.description,
          ...(mimeType === undefined ? {} : { mimeType }),
        },
      });
    }
  }
  return out.sort((a, b) => (a.template.uriTemplate < b.template.uriTemplate ? -1 : 1));
}

/** The template a URI fits, with its variables; undefined when none does. */
export function matchTemplate(
  templates: readonly PreparedTemplate[],
  uri: string,
): { readonly prepared: PreparedTemplate; readonly variables: Record<string, string> } | undefined {
  for (const prepared of templates) {
    const variables = prepared.uri.match(uri);
    if (variables) return { prepared, variables };
  }
  return undefined;
}
