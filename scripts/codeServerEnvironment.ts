// The environment code-server, and so every terminal and extension host it starts, runs with (plain Node, unit-tested).
// An allow-list, not a deny-list: whatever the shell that ran `npm run demo` holds (a SailPoint secret, npm's
// variables, NODE_OPTIONS) stays out of the demo's terminals.

/** What a shell and code-server need from the parent: where programs are, the language, the shell, who the user is. */
const INHERITED = ['PATH', 'LANG', 'LANGUAGE', 'SHELL', 'USER', 'LOGNAME', 'TZ', 'TERM'];
const INHERITED_PREFIX = 'LC_';

/** The parent's allowed variables, then the sandbox's (HOME, XDG folders, TMPDIR), then what the caller adds on purpose. */
export function codeServerEnvironment(parent: NodeJS.ProcessEnv, sandbox: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const inherited = Object.entries(parent).filter(([name, value]) => value !== undefined && (INHERITED.includes(name) || name.startsWith(INHERITED_PREFIX)));
  return { ...Object.fromEntries(inherited), ...sandbox, ...extra };
}
