#!/usr/bin/env node
/**
 * The baseline: a bare @modelcontextprotocol/sdk server with one tool that makes the same upstream call as
 * the host's get_alert (GET /alerts/{id} with X-API-Key), over stdio or streamable HTTP.
 * Usage: node bareServer.js stdio|http [port]   (env UPSTREAM_URL, UPSTREAM_TOKEN)
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';

const upstream = process.env['UPSTREAM_URL'] ?? '';
const token = process.env['UPSTREAM_TOKEN'] ?? '';

function buildServer(): McpServer {
  const server = new McpServer({ name: 'bare', version: '0.0.0' });
  server.registerTool(
    'get_alert',
    { description: 'Get one alert by id.', inputSchema: z.object({ alert_id: z.string().min(1) }) },
    async ({ alert_id }) => {
      const res = await fetch(`${upstream}/alerts/${encodeURIComponent(alert_id)}`, {
        headers: { 'X-API-Key': token },
      });
      const body = (await res.json()) as Record<string, unknown>;
      return { content: [{ type: 'text', text: JSON.stringify(body) }], structuredContent: body };
    },
  );
  return server;
}

async function serveHttp(port: number): Promise<void> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const http = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw ? JSON.parse(raw) : undefined;
    const sessionId = req.headers['mcp-session-id'];
    let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
    if (!transport && req.method === 'POST' && isInitializeRequest(body)) {
      const created = new StreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (id) => {
          sessions.set(id, created);
        },
      });
      created.onclose = () => {
        if (created.sessionId) sessions.delete(created.sessionId);
      };
      await buildServer().connect(created);
      transport = created;
    }
    if (!transport) {
      res.writeHead(400).end();
      return;
    }
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  process.stderr.write(`listening http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp\n`);
}

const mode = process.argv[2] ?? 'stdio';
if (mode === 'http') {
  await serveHttp(Number(process.argv[3] ?? 0));
} else {
  await buildServer().connect(new StdioServerTransport());
}
