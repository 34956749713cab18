/**
 * Flags text that reads like instructions to a model, or that would carry data out, inside data from Panther.
 * Each rule looks for one sign and has a weight; a value is flagged when the weights of the signs found add up
 * to 2. A sign that only attackers write (a fake turn, a fake tool call, an override of earlier instructions,
 * text hidden in tag characters) weighs 2 alone; signs that also occur in honest text (an order to resolve an
 * alert, which a runbook may give) weigh 1 and need another. The rules read the revealed text (hidden text
 * decoded, split words joined, look-alike letters folded), never the raw string, so hiding does not help.
 *
 * This is a tripwire for the host (it makes later writes ask first), not a filter: a careful attacker can word
 * an instruction that no rule matches.
 */
import { type Revealed, reveal } from './reveal.js';

export type InjectionSign =
  /** "ignore previous instructions", "new directive:", "you are now…". */
  | 'override'
  /** A system, user or assistant turn, or chat-template tokens. */
  | 'fake-turn'
  /** `<system>`, `<user>`, `<instructions>`: a turn, or honest XML. */
  | 'role-tag'
  /** A tool call written out as JSON, XML or an MCP request. */
  | 'fake-tool-call'
  /** Words to an AI ("note to the AI assistant", "assistant, …", "any model triaging…"). */
  | 'addresses-model'
  /** A tool of this server named with an order to use it. */
  | 'invokes-tool'
  /** A tool or role name spelled with look-alike letters. */
  | 'homoglyph'
  /** A Markdown image, or a link or order that would send data to a URL. */
  | 'exfiltration'
  /** An order to resolve, close, assign or disable, with a reason to trust it (false positive, approved…). */
  | 'steers-triage'
  /** An order (not a conditional one, as runbooks give) to change alerts or detections. */
  | 'orders-change'
  /** An order to change many of them ("all alerts", "every alert"). */
  | 'mass-change'
  /** "do not tell the user", "without asking", "say nothing". */
  | 'concealment'
  /** Letters hidden in tag characters or variation selectors. */
  | 'hidden-text'
  /** Text reordered by a bidirectional override. */
  | 'bidi-override'
  /** Words split by invisible characters. */
  | 'split-words'
  /** HTML styled not to be shown. */
  | 'hidden-html'
  /** One phrase repeated many times. */
  | 'repetition'
  /** "URGENT", "from the CISO": pressure to act. */
  | 'pressure';

export interface InjectionOptions {
  /** The tools the host serves: naming one with an order to use it is a sign. */
  readonly toolNames?: readonly string[];
}

interface Rule {
  readonly sign: InjectionSign;
  readonly weight: 1 | 2;
  test(text: string, revealed: Revealed, tools: ReadonlySet<string>): boolean;
}

const FLAG_AT = 2;

const w = String.raw;
const TRIAGE_VERB = w`(?:resolve|close|dismiss|suppress|silence|mute|acknowledge|mark|set|assign|reassign|disable|delete|remove|approve|whitelist|allowlist|downgrade|de-?escalate|deprioriti[sz]e|auto-?(?:close|resolve|approve))`;
const TRIAGE_OBJECT = w`(?:alerts?|detections?|rules?|tickets?|incidents?|findings?|cases?|it|them|everything)`;
const MODEL = w`(?:ai|a\.i\.|llm|language model|model|assistant|agent|chatbot|bot|copilot|claude|chatgpt|gpt|gemini)s?`;

const re = (source: string) => new RegExp(source, 'u');

const OVERRIDE = [
  re(
    w`\b(?:ignore|disregard|forget|override|bypass|skip)\b[^.\n]{0,40}?\b(?:previous|prior|above|earlier|preceding|all|any|your|system|existing|original)\b[^.\n]{0,30}?\b(?:instructions?|prompts?|rules|directions?|directives?|guidelines|guardrails|context|messages?|polic(?:y|ies)|constraints)\b`,
  ),
  re(w`\bnew (?:directive|instructions?|task|orders?|rules?|objective)\s*:`),
  re(
    w`\byou are now\b|\bfrom now on,? (?:you|the assistant)\b|\b(?:enter|you are in) (?:maintenance|admin|developer|god|debug) mode\b`,
  ),
];

/** Turn markers that only chat transcripts and templates use. */
const FAKE_TURN = [
  re(w`<\|(?:im_start|im_end|system|user|assistant|endoftext|begin_of_text|eot_id|start_header_id)\|>`),
  re(w`\[/?inst\]|<</?sys>>|<start_of_turn>|<end_of_turn>`),
  re(w`</?(?:assistant|human|tool_results?|function_results?|function_calls|antml:[a-z_]+)\s*>`),
  // A blank line, then a turn: the transcript format.
  re(w`\n\s*\n\s*(?:human|assistant|system|user)\s*:`),
  // A Markdown heading that is a turn.
  re(w`#{1,6}\s*(?:system|assistant|instructions?|response)\s*:?\s*\n`),
  re(
    w`\[(?:system|assistant|developer)\]\s*(?:new\b|you\b|ignore|override|the (?:user|analyst)|directive|instruction)`,
  ),
  // A role, then an order.
  re(
    w`\b(?:system|assistant|developer)\s*:\s*(?:you\b|ignore|resolve|close|mark|assign|disable|approve|grant|call|run|the (?:user|analyst)\b|auto-|new\b|from now)`,
  ),
];
/** Tags that also occur in honest XML (a Windows event's `<System>`): a sign only with another. */
const ROLE_TAG = re(w`</?(?:system|user|instructions?|developer)\s*>`);

const TOOL_NAME_VALUE = w`"[a-z]+(?:_[a-z]+){1,5}"`;
const FAKE_TOOL_CALL = [
  re(
    w`"(?:tool|tool_name|name|function|recipient_name)"\s*:\s*${TOOL_NAME_VALUE}[^]{0,200}?"(?:arguments|args|input|parameters|params)"\s*:\s*[{[]`,
  ),
  re(w`"method"\s*:\s*"tools/call"`),
  re(w`"type"\s*:\s*"(?:tool_use|function_call|tool_call)"`),
  re(w`<(?:function_calls|invoke|tool_call|tool_use|antml:invoke|antml:function_calls)\b`),
];

const ADDRESSES_MODEL = [
  re(
    w`\b(?:note|message|instructions?|attention|memo|reminder|directive)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:${MODEL}|automated (?:reviewers?|triage|analysts?))\b`,
  ),
  re(w`\b(?:ai|llm|assistant|model)s?\s+(?:triage\s+)?(?:note|instructions?|directive|message)\s*:`),
  re(
    w`\b${MODEL}\s*[,:]\s*(?:please\s+)?(?:you\s+)?(?:must|should|need|resolve|close|ignore|mark|assign|set|call|run|send|post|disable|trust|follow|do|don't|tell|approve|summari[sz]e|the analyst)\b`,
  ),
  re(
    w`\b(?:any|every|the|all)\s+(?:${MODEL}|automated reviewers?)\s+(?:that\s+is\s+|which\s+is\s+)?(?:handling|triaging|reading|reviewing|processing|analy[sz]ing|summari[sz]ing)\b`,
  ),
  re(
    w`\bautomated reviewers?\b|\bas an ai\b|\bdear (?:ai|assistant|model)\b|\bif you are (?:an? )?(?:ai|llm|language model|assistant|model)\b`,
  ),
  re(
    w`\b(?:ai|llm|assistant|chatbot|copilot|model|agent)s?\s+(?:must|should|needs? to|has to|is (?:required|allowed|authori[sz]ed) to)\s+(?:\w+\s+){0,2}?(?:resolve|close|mark|assign|ignore|approve|trust|follow|disable|run|call|send|tell|not)\b`,
  ),
];

const INVOKE_VERB = w`(?:call|calls|run|runs|use|invoke|execute|trigger|perform|do|with|then|next)`;
/** Names like this server's write tools, for a host that does not pass its own. */
const TOOL_STEM =
  /^(?:add|update|bulk|start|disable|enable|delete|create|set|assign|resolve|close)_[a-z_]*(?:alert|detection|triage|assignee|comment|status|rule)/;

const DATA = w`(?:(?:the |all |any |every |its |their |your )?(?:[\w-]+ ){0,2}?(?:events?|alerts?|data|keys?|credentials?|secrets?|tokens?|logs?|context|details|contents|conversation|history|passwords?|sessions?)|it|them|everything)`;
const EXFIL = [
  // A Markdown image: rendering it fetches its URL, and the URL can carry anything.
  re(w`!\[[^\]\n]{0,200}\]\(\s*<?(?:https?:)?//`),
  // A Markdown link whose query asks for data or names a placeholder.
  re(
    w`\[[^\]\n]{1,200}\]\(\s*<?https?://[^)\s]{0,300}?[?&#](?:[^)\s]{0,300}?(?:data|exfil|payload|token|secret|keys?|session|cookie|creds?|password|context|events?|alert|dump|leak)=|[^)\s]{0,300}?(?:\{\{|%7b%7b|paste|insert|_here|alert_id))`,
  ),
  // An order to send data to a URL.
  re(
    w`\b(?:send|post|upload|forward|paste|submit|exfiltrate|transmit|leak|copy|email)\s+${DATA}\b[^\n]{0,40}?\b(?:to|at|into|on)\s+<?(?:https?:)?//`,
  ),
  // A URL with a template to fill in.
  re(
    w`https?://[^\s)]{0,300}?(?:\{\{[^}]{0,200}\}\}|\{(?:alert|event|data|context|token|secret)[a-z_]{0,40}\})`,
  ),
];

const CLAIM = re(
  w`\b(?:false positives?|benign|authori[sz]ed|(?:pre-?)?approved|sanctioned|expected(?: behaviou?r| activity)?|legitimate|known (?:good|issue|activity|test)|pen(?:etration)?[ -]?test|red[ -]?team|drill|our (?:own )?scanner|harmless|not malicious|no action (?:is )?(?:needed|required)|verified safe|pre-?verified|whitelisted|allow-?listed|test traffic|maintenance)\b`,
);
const ORDER = re(
  w`(?:^|[.;:!,(\-–—"]\s*|\b(?:and|then|please|must|should|to|now|also|just|simply|always|you|so)\s+)${TRIAGE_VERB}\b(?:\s+[^\s.;!]+){0,4}?\s+${TRIAGE_OBJECT}\b|\b${TRIAGE_VERB}\s+(?:this|it|them|these|those|all|every|any)\b|\b${TRIAGE_VERB}\s+(?:\w+\s+){0,2}?as\s+(?:an?\s+)?(?:benign|false positive|resolved|closed|triaged|safe|expected)\b|\bauto-?(?:close|resolve)\b`,
);
const MASS = re(
  w`\b${TRIAGE_VERB}\b[^.\n]{0,40}?\b(?:all|every|any|each)\s+(?:[\w-]+\s+){0,2}?(?:alerts?|detections?|rules?|writes?)\b`,
);
/** A sentence that gives an order only under a condition is guidance (a runbook), not an order. */
const CONDITIONAL = re(w`\b(?:if|unless|when|whenever|once|after|until|in case|provided|whether)\b`);
const CONCEAL = re(
  w`\b(?:do not|don't|never|without)\s+(?:tell(?:ing)?|report(?:ing)?|mention(?:ing)?|inform(?:ing)?|notify(?:ing)?|alert(?:ing)?|escalat(?:e|ing)|reveal(?:ing)?|show(?:ing)?|ask(?:ing)?)\b(?:[^.\n]{0,40}?\b(?:user|analyst|human|anyone|nobody|team|soc|them|questions?)\b)?|\btell nobody\b|\bsay nothing\b|\bstay quiet\b|\bkeep (?:this|it) (?:secret|quiet|between us)\b|\bwithout (?:asking|confirmation|confirming|approval|further (?:questions|review|confirmation))\b`,
);
const HIDDEN_HTML = re(
  w`<[a-z][^>]{0,120}\bstyle\s*=\s*["'][^"']*(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0|opacity\s*:\s*0)`,
);
const PRESSURE = re(
  w`\b(?:urgent|immediately|right now|asap)\b|\b(?:from|per|by order of) the (?:ciso|ceo|cto|soc lead|team lead|security team|admin)\b`,
);
const TOOL_LIKE = /^[a-z]+(?:_[a-z]+){1,5}$/;
const ROLE_WORDS = new Set(['system', 'assistant', 'ignore', 'instructions', 'admin', 'developer']);

const anyOf = (patterns: readonly RegExp[], text: string) => patterns.some((p) => p.test(text));

/** The sentences of a text that state rather than suppose (no "if", "once", "when"…). */
function assertive(text: string): string[] {
  return text.split(/(?<=[.;!?])\s+|\n+/).filter((sentence) => !CONDITIONAL.test(sentence));
}

const ordersChange = (text: string) => assertive(text).some((s) => ORDER.test(s));
const claimsSafe = (text: string) => assertive(text).some((s) => CLAIM.test(s));
const ordersMany = (text: string) => assertive(text).some((s) => MASS.test(s));

const PHRASE = { min: 8, max: 80, times: 8 } as const;

/**
 * A phrase of 8 to 80 characters said 8 times in a row or more, in the first 4,000 characters. For each phrase
 * length, a run of characters each equal to the one a phrase before is counted: linear per length, where the
 * regular expression `/(.{8,80}?)\1{7,}/su` (what this computes) backtracks through every start and length and
 * took milliseconds on one long comment.
 */
function repeats(text: string): boolean {
  if (text.length < 200) return false;
  const points = Array.from(text.slice(0, 4000), (char) => char.codePointAt(0)!);
  for (let length = PHRASE.min; length <= PHRASE.max && length * PHRASE.times <= points.length; length++) {
    const needed = length * (PHRASE.times - 1);
    let run = 0;
    for (let i = length; i < points.length; i++) {
      run = points[i] === points[i - length] ? run + 1 : 0;
      if (run >= needed) return true;
    }
  }
  return false;
}

/** An order to use what follows (`call `, `then run the `), read just before a tool's name. */
const INVOKED_BY = new RegExp(`\\b${INVOKE_VERB}\\s+(?:the\\s+)?$`);

function invokesTool(text: string, tools: ReadonlySet<string>): boolean {
  for (const match of text.matchAll(/\b[a-z]+(?:_[a-z]+){1,5}\b/g)) {
    if (!tools.has(match[0]) && !TOOL_STEM.test(match[0])) continue;
    const before = text.slice(Math.max(0, match.index - 24), match.index);
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 24);
    if (INVOKED_BY.test(before) || /^\s*(?:with|without|to|on|for|\(|off\b)/.test(after)) {
      return true;
    }
  }
  return false;
}

const RULES: readonly Rule[] = [
  { sign: 'override', weight: 2, test: (t) => anyOf(OVERRIDE, t) },
  { sign: 'fake-turn', weight: 2, test: (t) => anyOf(FAKE_TURN, t) },
  { sign: 'role-tag', weight: 1, test: (t) => ROLE_TAG.test(t) },
  { sign: 'fake-tool-call', weight: 2, test: (t) => anyOf(FAKE_TOOL_CALL, t) },
  { sign: 'addresses-model', weight: 2, test: (t) => anyOf(ADDRESSES_MODEL, t) },
  { sign: 'invokes-tool', weight: 1, test: (t, _, tools) => invokesTool(t, tools) },
  {
    sign: 'homoglyph',
    weight: 2,
    test: (_, r, tools) =>
      r.mixedWords.some((word) => tools.has(word) || TOOL_LIKE.test(word) || ROLE_WORDS.has(word)),
  },
  { sign: 'exfiltration', weight: 2, test: (t) => anyOf(EXFIL, t) },
  { sign: 'steers-triage', weight: 2, test: (t) => ordersChange(t) && claimsSafe(t) },
  { sign: 'orders-change', weight: 1, test: (t) => ordersChange(t) },
  { sign: 'mass-change', weight: 1, test: (t) => ordersMany(t) },
  { sign: 'concealment', weight: 1, test: (t) => CONCEAL.test(t) },
  { sign: 'hidden-text', weight: 2, test: (_, r) => r.hidden.length > 0 },
  { sign: 'bidi-override', weight: 1, test: (_, r) => r.bidiOverride },
  { sign: 'split-words', weight: 1, test: (_, r) => r.splitWords >= 3 },
  { sign: 'hidden-html', weight: 1, test: (t) => HIDDEN_HTML.test(t) },
  { sign: 'repetition', weight: 1, test: (t) => repeats(t) },
  { sign: 'pressure', weight: 1, test: (t) => PRESSURE.test(t) },
];

/**
 * How much of a long string is read: its start and its end (a model reads a result's start first; an
 * instruction appended to padding is at the end). Every regular expression here is linear in what it reads.
 */
const READ_HEAD = 48 * 1024;
const READ_TAIL = 16 * 1024;

function readable(text: string): string {
  return text.length <= READ_HEAD + READ_TAIL
    ? text
    : `${text.slice(0, READ_HEAD)}\n${text.slice(-READ_TAIL)}`;
}

/** Strings that cannot hold a sign: short tokens without spaces or markup (ids, times, addresses, names). */
const PLAIN_TOKEN = /^[\w.:@/+=,-]{0,200}$/;

const NO_TOOLS: ReadonlySet<string> = new Set();
/** The tool names as a set, made once per list: a host passes the same list for every string of every result. */
const toolSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function toolSet(names: readonly string[] | undefined): ReadonlySet<string> {
  if (names === undefined || names.length === 0) return NO_TOOLS;
  let set = toolSets.get(names);
  if (set === undefined) {
    set = new Set(names);
    toolSets.set(names, set);
  }
  return set;
}

/**
 * The signs of an injection found in `text`, or none when their weights add up to less than 2 (the text is not
 * flagged). Hidden text is read on its own and with the visible text.
 */
export function detectInjection(text: string, options: InjectionOptions = {}): InjectionSign[] {
  if (text.length < 8 || PLAIN_TOKEN.test(text)) return [];
  const revealed = reveal(readable(text));
  const tools = toolSet(options.toolNames);
  const readings = revealed.hidden.length === 0 ? [revealed.text] : [revealed.text, ...revealed.hidden];
  const found = RULES.filter((rule) => readings.some((reading) => rule.test(reading, revealed, tools)));
  const weight = found.reduce((sum, rule) => sum + rule.weight, 0);
  return weight >= FLAG_AT ? found.map((rule) => rule.sign) : [];
}
