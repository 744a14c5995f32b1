// `npm run fake-tenant`: a realistic tenant for trying the extension (or curl) by hand, with ids and secrets of its
// own (not the demo's). Ctrl-C stops it.
import { FakeTenant } from './server';

function portFromArguments(argv: readonly string[], environment: NodeJS.ProcessEnv): number {
  const flagIndex = argv.indexOf('--port');
  const inline = argv.find((argument) => argument.startsWith('--port='))?.slice('--port='.length);
  const text = inline ?? (flagIndex >= 0 ? argv[flagIndex + 1] : undefined) ?? environment.FAKE_TENANT_PORT ?? '0';
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`not a port: '${text}'`);
  }
  return port;
}

function banner(tenant: FakeTenant): string {
  const credentials = tenant.demo?.credentials ?? [];
  const first = credentials[0];
  const lines = [
    `Fake SailPoint ISC tenant listening on ${tenant.baseUrl}`,
    '',
    '*** FAKE DEMO CREDENTIALS, not a real tenant ***',
    ...credentials.flatMap((credential) => [
      `  ${credential.label}`,
      `    client id:     ${credential.clientId}`,
      `    client secret: ${credential.clientSecret}`,
    ]),
    '',
    'Try it with curl:',
    `  TOKEN=$(curl -s -X POST ${tenant.baseUrl}/oauth/token \\`,
    `    -d grant_type=client_credentials -d client_id=${first?.clientId ?? '<id>'} -d client_secret=${first?.clientSecret ?? '<secret>'} \\`,
    `    | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
    `  curl -s -H "Authorization: Bearer $TOKEN" '${tenant.baseUrl}/v3/personal-access-tokens?owner-id=me'`,
    `  curl -s -H "Authorization: Bearer $TOKEN" '${tenant.baseUrl}/personal-access-tokens/v1?filters=lastUsed%20isnull'`,
    `  curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\`,
    `    -d '{"name":"From curl","scope":["sp:scopes:default"]}' ${tenant.baseUrl}/v3/personal-access-tokens`,
    '',
    'Ctrl-C stops it.',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const tenant = await FakeTenant.start({ seed: 'standalone', port: portFromArguments(process.argv.slice(2), process.env) });
  console.log(banner(tenant));
  const stop = (): void => {
    tenant.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`fake tenant failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
