import {
  AppBridge,
  type McpUiResourceCsp,
  PostMessageTransport,
} from '@modelcontextprotocol/ext-apps/app-bridge';
import type { CallToolRequest, CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';

/**
 * A minimal MCP Apps host for the browser tests: renders a view's HTML in a sandboxed frame under the CSP its
 * resource declares, and connects it with ext-apps' AppBridge. The MCP client lives in the test process (as a
 * desktop client keeps it outside its renderer): tool calls go out through `mcpCallTool`, exposed by the test, and
 * the server's confirmations come in through `confirmOnPage`.
 */

declare global {
  interface Window {
    mcpCallTool(params: CallToolRequest['params']): Promise<CallToolResult>;
    renderView(options: RenderOptions): Promise<void>;
    confirmOnPage(message: string): Promise<'accept' | 'decline'>;
    viewReady: boolean;
  }
}

interface RenderOptions {
  readonly html: string;
  readonly tool: Tool;
  readonly args: Record<string, unknown>;
  readonly result: CallToolResult;
  readonly csp?: McpUiResourceCsp | undefined;
  readonly theme?: 'light' | 'dark';
  readonly height?: number;
}

/** The CSP a host sets for a view: only what its resource declares (nothing, for mcp-panther's views). */
function cspFor(csp: McpUiResourceCsp | undefined): string {
  const list = (domains: readonly string[] | undefined) =>
    domains && domains.length > 0 ? ` ${domains.join(' ')}` : '';
  const resources = list(csp?.resourceDomains);
  return [
    "default-src 'none'",
    `script-src 'unsafe-inline'${resources}`,
    `style-src 'unsafe-inline'${resources}`,
    `img-src data:${resources}`,
    `font-src data:${resources}`,
    `connect-src${list(csp?.connectDomains) || " 'none'"}`,
    `frame-src${list(csp?.frameDomains) || " 'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function withCsp(html: string, policy: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  return html.replace(/<head>/i, `<head>${meta}`);
}

window.viewReady = false;

window.renderView = async (options) => {
  const frames = document.getElementById('frames')!;
  frames.replaceChildren();
  window.viewReady = false;
  const frame = document.createElement('iframe');
  frame.title = options.tool.title ?? options.tool.name;
  frame.setAttribute('sandbox', 'allow-scripts allow-forms');
  frame.style.height = `${options.height ?? 600}px`;
  frame.srcdoc = withCsp(options.html, cspFor(options.csp));
  frames.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));

  const bridge = new AppBridge(
    null,
    { name: 'mcp-panther-test-host', version: '1.0.0' },
    { serverTools: {}, logging: {} },
    {
      hostContext: {
        theme: options.theme ?? 'light',
        displayMode: 'inline',
        platform: 'web',
        locale: 'en-US',
        timeZone: 'UTC',
        toolInfo: { tool: options.tool },
        containerDimensions: { maxHeight: 2000, width: frame.clientWidth },
      },
    },
  );
  bridge.oncalltool = (params) => window.mcpCallTool(params);
  bridge.onsizechange = ({ height }) => {
    if (height !== undefined && options.height === undefined)
      frame.style.height = `${Math.min(height, 2000)}px`;
  };
  const initialized = new Promise<void>((resolve) => {
    bridge.oninitialized = () => resolve();
  });
  await bridge.connect(new PostMessageTransport(frame.contentWindow!, frame.contentWindow!));
  await initialized;
  await bridge.sendToolInput({ arguments: options.args });
  await bridge.sendToolResult(options.result);
  window.viewReady = true;
};

window.confirmOnPage = (message) => {
  const dialog = document.getElementById('confirm') as HTMLDialogElement;
  document.getElementById('confirm-message')!.textContent = message;
  dialog.showModal();
  return new Promise((resolve) => {
    const answer = (value: 'accept' | 'decline') => () => {
      dialog.close();
      resolve(value);
    };
    document.getElementById('confirm-accept')!.onclick = answer('accept');
    document.getElementById('confirm-decline')!.onclick = answer('decline');
  });
};
