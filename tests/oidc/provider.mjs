// A real OpenID Connect provider for the single sign-on tests (tests/learning/test_sso.py),
// the npm package oidc-provider with its built-in login and consent pages. The fixture in
// tests/oidc/__init__.py starts it: `node provider.mjs <port> <redirect uri>`; it prints
// "ready <issuer>" once it listens. Its people are in accounts.json (composites).
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const accounts = JSON.parse(readFileSync(new URL('./accounts.json', import.meta.url)));

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'csx-library',
    client_secret: 'csx-library-secret',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  pkce: { required: () => true },
  // the test provider's own keys are made on each start; cookies signed with a fixed key
  cookies: { keys: ['csx-test-provider-cookies'] },
  async findAccount(ctx, id) {
    const person = accounts[id];
    if (!person) return undefined;
    return { accountId: id, async claims() { return { sub: id, ...person }; } };
  },
});
provider.proxy = false;
provider.on('server_error', (ctx, error) => console.error(error));

provider.listen(Number(port), '127.0.0.1', () => console.log(`ready ${issuer}`));
