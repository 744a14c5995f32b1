// The browser workbench's own log of its traffic with the extension host (the `logExtensionHostCommunication`
// payload flag), read in the page: when VS Code asked us for rows and when our answers came back, and how long the
// host spent activating each extension by VS Code's own figures. It splits the first seconds into VS Code's part and
// ours. Only method names, request ids and VS Code's activation times are kept: never an argument that could hold a
// secret (SecretStorage replies pass through the same log).

/** One message between the window and the extension host, as the window saw it (epoch milliseconds). */
export interface HostMessage {
  at: number;
  /** 'out': window → host; 'in': host → window. */
  direction: 'out' | 'in';
  /** `request`, `reply`, `ack`, `receiveRequest`, `receiveReply`, … as VS Code logs them. */
  kind: string;
  id: number;
  /** `ExtHostTreeViews.$getChildren` and the like; absent for replies and acks. */
  method?: string;
  /** Only for `$onDidActivateExtension`: the extension and the host's code-loading and activate() times. */
  activation?: { extensionId: string; codeLoadingMs: number; activateCallMs: number };
  /** Only for tree view messages: the view id. */
  viewId?: string;
  /** Only for `$onWillActivateExtension`: which extension the host starts activating. */
  extensionId?: string;
}

/**
 * Runs in the page before VS Code: keeps the remote host's messages from the communication log (which VS Code writes
 * with console.log) in `window.__benchHostMessages`, instead of printing them.
 */
export const HOST_MESSAGES_SCRIPT = `(() => {
  const messages = (window.__benchHostMessages = []);
  const print = console.log;
  const now = () => performance.timeOrigin + performance.now();
  const pattern = /^%c\\[Remote\\]\\[(Ext|Win) [^\\]]*\\]%c\\[[^\\]]*\\]%c\\[[^\\]]*\\]%c *(\\d+) - (\\w+):? ?([\\w.$]*)/;
  console.log = function (...args) {
    const match = typeof args[0] === 'string' ? pattern.exec(args[0]) : null;
    if (match === null) return print.apply(this, args);
    if (messages.length >= 50000) return;
    const [, from, id, kind, method] = match;
    const message = { at: now(), direction: from === 'Win' ? 'out' : 'in', kind, id: Number(id) };
    // Only a request names a method; what follows a reply is its content, which may be a secret.
    if (/^(request|receiveRequest)$/.test(kind) && /^[A-Z]\\w*\\.\\$\\w+$/.test(method)) message.method = method;
    const rest = args.slice(5);
    if (message.method === 'MainThreadExtensionService.$onWillActivateExtension' && rest[0] && typeof rest[0].value === 'string') message.extensionId = rest[0].value;
    if (message.method === 'MainThreadExtensionService.$onDidActivateExtension') {
      const [extension, codeLoadingMs, activateCallMs] = rest;
      if (extension && typeof extension.value === 'string' && typeof codeLoadingMs === 'number' && typeof activateCallMs === 'number') {
        message.activation = { extensionId: extension.value, codeLoadingMs, activateCallMs };
      }
    }
    if (/TreeView/.test(message.method || '') && typeof rest[0] === 'string') message.viewId = rest[0];
    messages.push(message);
  };
})();`;

/** The workbench URL's query that turns the communication log on. */
export function hostMessagesQuery(): string {
  return `payload=${encodeURIComponent(JSON.stringify([['logExtensionHostCommunication', 'true']]))}`;
}

/** What the window and the host did between our activation and the first tenant row. */
export interface FirstRowsSplit {
  /** When the host started activating us. */
  activationStartAt: number;
  /** The host's own figures for us: require() of the bundle (and whatever the host ran meanwhile) and activate(). */
  codeLoadingMs: number;
  activateCallMs: number;
  /** From activation start to the tree registered, as the window saw it. */
  treeRegisteredAt: number;
  /** Each of our getChildren answers until the tenant row: asked, answered (as the window saw them). */
  answers: { askedAt: number; answeredAt: number }[];
  /** Of the answers' time, what the host spent loading and activating other extensions (VS Code's figures), by extension. */
  othersInAnswersMs: Map<string, number>;
}

function activationOf(messages: readonly HostMessage[], extensionId: string): HostMessage['activation'] {
  return messages.find((message) => message.activation?.extensionId === extensionId)?.activation;
}

/**
 * The split of one window, or why it cannot be made. The answers counted are those to our view's getChildren requests
 * that came back before the tenant row showed; each other extension's activation is counted at most for the part of an
 * answer's wait that had passed when the window heard it was done.
 */
export function splitFirstRows(messages: readonly HostMessage[], extensionId: string, viewId: string, tenantRowAt: number): FirstRowsSplit | string {
  const ours = activationOf(messages, extensionId);
  const start = messages.find((message) => message.method === 'MainThreadExtensionService.$onWillActivateExtension' && message.extensionId === extensionId);
  const registered = messages.find((message) => message.method === 'MainThreadTreeViews.$registerTreeViewDataProvider' && message.viewId === viewId);
  if (ours === undefined || start === undefined || registered === undefined) return 'the host log did not show our activation and tree';
  const asked = messages.filter((message) => message.direction === 'out' && message.method === 'ExtHostTreeViews.$getChildren' && message.viewId === viewId);
  const answers = asked.flatMap((request) => {
    const reply = messages.find((message) => message.direction === 'in' && message.kind === 'receiveReply' && message.id === request.id && message.at >= request.at);
    return reply === undefined || reply.at > tenantRowAt ? [] : [{ askedAt: request.at, answeredAt: reply.at }];
  });
  if (answers.length === 0) return 'no answer of ours to getChildren came back before the tenant row';
  const othersInAnswersMs = new Map<string, number>();
  for (const message of messages) {
    const activation = message.activation;
    if (activation === undefined || activation.extensionId === extensionId) continue;
    const answer = answers.find(({ askedAt, answeredAt }) => message.at > askedAt && message.at <= answeredAt);
    if (answer === undefined) continue;
    const spent = Math.min(activation.codeLoadingMs + activation.activateCallMs, message.at - answer.askedAt);
    othersInAnswersMs.set(activation.extensionId, (othersInAnswersMs.get(activation.extensionId) ?? 0) + spent);
  }
  return { activationStartAt: start.at, codeLoadingMs: ours.codeLoadingMs, activateCallMs: ours.activateCallMs, treeRegisteredAt: registered.at, answers, othersInAnswersMs };
}

/** Our own figures for the first rows, from the extension's log line (src/ui/firstRowsLog.ts), on the host's clock. */
export interface OurFirstRows {
  activateMs: number;
  activateEndedAt: number;
  /** The root's and the tenant's first answers: our code from called to returned. */
  rootMs: number;
  tenantMs: number;
}

/**
 * The line our extension logged in this window: the one whose activate() ended within [from, to] (epoch ms; the host
 * and the window share the machine's clock). Undefined when the log has no such line.
 */
export function ourFirstRows(logText: string, prefix: string, from: number, to: number): OurFirstRows | undefined {
  for (const line of logText.split('\n')) {
    const at = line.indexOf(prefix);
    if (at < 0) continue;
    const parts = new Map<string, { ms: number; endedAt: number }>();
    for (const match of line.slice(at + prefix.length).matchAll(/(\w+) (\d+(?:\.\d+)?) ms ending (\d+(?:\.\d+)?)/g)) {
      parts.set(match[1], { ms: Number(match[2]), endedAt: Number(match[3]) });
    }
    const activate = parts.get('activate');
    const root = parts.get('root');
    const tenant = parts.get('tenant');
    if (activate === undefined || root === undefined || tenant === undefined) continue;
    if (activate.endedAt < from || activate.endedAt > to) continue;
    return { activateMs: activate.ms, activateEndedAt: activate.endedAt, rootMs: root.ms, tenantMs: tenant.ms };
  }
  return undefined;
}
