// azd postbuild hook of the portal service (after `npm run build`, before azd packages dist/): writes the Entra ID
// sign-in registration into the built portal's staticwebapp.config.json. Static Web Apps reads the issuer only from that file, so the tenant (an output of
// infra/main.bicep, in the azd environment as PORTAL_SIGN_IN_TENANT_ID) is filled in here rather than committed; the
// client id and secret stay app settings of the Static Web App (portal.bicep), named by clientIdSettingName and
// clientSecretSettingName.
import { readFileSync, writeFileSync } from "node:fs";
import { argv, env, exit } from "node:process";

const file = argv[2] ?? "src/portal/dist/staticwebapp.config.json";
const tenant = env.PORTAL_SIGN_IN_TENANT_ID ?? "";
if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tenant)) {
  console.error(`PORTAL_SIGN_IN_TENANT_ID is '${tenant}', not a tenant id: run azd provision first (or set OPSHELM_PORTAL_TENANT_ID).`);
  exit(1);
}
const config = JSON.parse(readFileSync(file, "utf8"));
config.auth = {
  identityProviders: {
    azureActiveDirectory: {
      registration: {
        openIdIssuer: `https://login.microsoftonline.com/${tenant}/v2.0`,
        clientIdSettingName: "AZURE_CLIENT_ID",
        clientSecretSettingName: "AZURE_CLIENT_SECRET",
      },
    },
  },
};
writeFileSync(file, JSON.stringify(config, null, 2) + "\n");
console.log(`${file}: sign-in with Entra ID tenant ${tenant}`);
