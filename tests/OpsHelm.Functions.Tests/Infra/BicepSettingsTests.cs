using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpsHelm.Storage.Azure.Cosmos;

namespace OpsHelm.Functions.Tests.Infra;

/// <summary>
/// The azd Bicep (infra/) against the settings the app reads (local.settings.sample.json lists every one): both Function
/// apps get whatever the app needs in Azure, storage and the Durable task hub are reached with the identity, secrets come
/// from Key Vault, no data service accepts keys, no Service Bus is left, and each app is fenced as README "Deploy to
/// Azure" decides. Textual: no Bicep compiler here.
/// </summary>
public sealed partial class BicepSettingsTests
{
    // Sample keys that are deliberately not set in Azure.
    private static readonly Dictionary<string, string> NotSetInAzure = new(StringComparer.Ordinal)
    {
        // A comment in the sample, not a setting.
        ["OpsHelm__Store_Choices"] = "comment",
        // Azurite's connection string locally; in Azure the identity-based AzureWebJobsStorage__* settings replace it.
        ["AzureWebJobsStorage"] = "local connection string",
        // Flex Consumption sets it from functionAppConfig.runtime (dotnet-isolated) and rejects it as an app setting.
        ["FUNCTIONS_WORKER_RUNTIME"] = "set by the Flex runtime",
        // The embedded store (SQLite + folder) is the local default; Azure runs the Cosmos DB + Blob store.
        ["OpsHelm__Embedded__Directory"] = "embedded store only",
        ["OpsHelm__Embedded__LockLease"] = "embedded store only",
        // The Static Web App serves the portal.
        ["OpsHelm__Portal__Directory"] = "standalone only",
        // Emulator keys and switches: in Azure the managed identity is used and the SDK defaults hold.
        ["OpsHelm__Cosmos__Key"] = "emulator key",
        ["OpsHelm__Cosmos__GatewayMode"] = "emulator switch",
        ["OpsHelm__Cosmos__LimitToEndpoint"] = "emulator switch",
        ["OpsHelm__Cosmos__LocalEmulator"] = "emulator switch",
        ["OpsHelm__Blob__AccountKey"] = "emulator key",
        ["OpsHelm__Tables__ConnectionString"] = "Azurite connection string",
        // The development principal stays disabled in Azure (OpsHelm__DevelopmentPrincipal__Enabled=false is set).
        ["OpsHelm__DevelopmentPrincipal__Workspaces__0"] = "local runs only",
        // A certificate file on disk: in Azure Graph uses the client secret from Key Vault or the managed identity.
        ["Graph__Credential__CertificatePath"] = "local certificate file",
        ["Graph__Credential__CertificatePassword"] = "local certificate file",
        // No OTLP collector is deployed: in Azure the app's traces and metrics go to Application Insights through the Azure
        // Monitor exporter (APPLICATIONINSIGHTS_CONNECTION_STRING, Entra ingestion). Empty endpoint = no OTLP exporter.
        ["OpsHelm__Telemetry__OtlpEndpoint"] = "no collector deployed",
        ["OpsHelm__Telemetry__OtlpProtocol"] = "no collector deployed",
        ["OpsHelm__Telemetry__ServiceName"] = "no collector deployed",
        ["OpsHelm__Telemetry__MetricExportInterval"] = "no collector deployed",
        ["OpsHelm__Telemetry__TraceExportDelay"] = "no collector deployed",
    };

    // Keys that must never be set in Azure: each would bypass the managed identity, point at an emulator, or (the App
    // Service variables) claim what only the platform may say.
    private static readonly string[] MustNotBeSetInAzure =
    [
        "OpsHelm__Cosmos__Key", "OpsHelm__Blob__AccountKey", "OpsHelm__Cosmos__LocalEmulator", "OpsHelm__Cosmos__GatewayMode",
        "OpsHelm__Cosmos__LimitToEndpoint", "OpsHelm__Embedded__Directory", "OpsHelm__Tables__ConnectionString", "AzureWebJobsStorage", "AzureWebJobsStorage__accountKey",
        "FUNCTIONS_WORKER_RUNTIME", "WEBSITE_AUTH_ENABLED", "WEBSITE_SITE_NAME",
    ];

    // Provider secrets: their values live in Key Vault only.
    private static readonly string[] Secrets =
    [
        "Graph__Credential__ClientSecret", "Gmail__Credential__PrivateKey", "Gmail__Credential__ClientSecret",
        "Gmail__Credential__RefreshToken", "WhatsApp__AppSecret", "WhatsApp__AccessToken", "WhatsApp__VerifyToken",
    ];

    // The functions of the contract (_notes/FUNCTIONS-CONTRACT.md), by who may call them.
    private static readonly string[] PortalFunctions =
    [
        "ListWorkspaces", "StartIngest", "ListRuns", "GetRun", "ListExceptions", "TriageException", "ListTickets", "GetTicket",
        "ListTasks", "ListCommitments", "ListMeetings", "DismissMeeting", "ListConversations", "ListSources", "DownloadAttachment",
        "SearchMessages", "GetMessage",
    ];

    private static readonly string[] WebhookFunctions = ["GraphNotifications", "GraphLifecycleNotifications", "GmailPush", "WhatsAppWebhook"];

    private static readonly string[] IngestOnlyFunctions =
    [
        .. WebhookFunctions, "InboundNotice", "InboundNoticePoison", "Poll", "RenewGraphSubscriptions", "RenewGmailWatches", "Sweep",
        "IngestionOrchestrator", "PullPage", "ProcessMessage", "RecordProcessingFailure", "CommitCheckpoints", "FinalizeRun",
    ];

    private static readonly string[] BicepFiles = Directory.GetFiles(RepositoryRoot.File("infra"), "*.bicep", SearchOption.AllDirectories);

    public static TheoryData<string> Roles => [.. BicepAppSettings.FunctionAppRoles];

    [Theory]
    [MemberData(nameof(Roles))]
    public void Every_setting_the_app_reads_is_set_by_the_bicep(string role)
    {
        var settings = BicepAppSettings.ForFunctionApp(role).Values;
        var required = SampleKeys().Where(key => !NotSetInAzure.ContainsKey(key)).ToList();

        var missing = required.Where(key => !settings.ContainsKey(key)).ToList();

        required.ShouldNotBeEmpty();
        missing.ShouldBeEmpty(
            $"local.settings.sample.json lists settings the {role} app does not get: {string.Join(", ", missing)}. " +
            "Set them in sharedSettings (infra/app/functionapp.bicep), or add them to NotSetInAzure with the reason.");
    }

    [Fact]
    public void The_function_app_settings_are_the_shared_block_and_the_block_of_the_role()
    {
        var functionApp = Bicep("app/functionapp.bicep");

        functionApp.ShouldContain($"properties: {BicepAppSettings.FunctionAppSettingsExpression}");
        Regex.Matches(functionApp, @"'Microsoft\.Web/sites/config@").Count.ShouldBe(1, "one appsettings resource, or the reader misses some");
        Regex.Matches(Bicep("main.bicep"), @"module \w+ 'app/functionapp\.bicep'").Count.ShouldBe(BicepAppSettings.FunctionAppRoles.Count);
        foreach (var role in BicepAppSettings.FunctionAppRoles)
        {
            Bicep("main.bicep").ShouldContain($"role: '{role}'");
        }
    }

    [Fact]
    public void The_keys_left_out_in_azure_are_still_settings_the_app_reads()
    {
        var sample = SampleKeys().ToHashSet(StringComparer.Ordinal);

        NotSetInAzure.Keys.Where(key => !sample.Contains(key)).ShouldBeEmpty("a key left out here is no longer in local.settings.sample.json");
        Secrets.Where(key => !sample.Contains(key)).ShouldBeEmpty("a secret listed here is no longer in local.settings.sample.json");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Emulator_keys_connection_strings_and_platform_variables_are_not_set_in_azure(string role)
    {
        var settings = BicepAppSettings.ForFunctionApp(role).Values;

        MustNotBeSetInAzure.Where(settings.ContainsKey).ShouldBeEmpty("the managed identity replaces keys, and the platform sets its own variables");
        settings.Keys.Where(key => key.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase) && key != "APPLICATIONINSIGHTS_CONNECTION_STRING")
            .ShouldBeEmpty("no connection strings: identity-based connections only");
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Every_provider_secret_is_a_key_vault_reference_resolved_with_the_identity(string role)
    {
        var settings = BicepAppSettings.ForFunctionApp(role).Values;
        foreach (var secret in Secrets)
        {
            settings.TryGetValue(secret, out var value).ShouldBeTrue($"{secret} is not set");
            KeyVaultReference().IsMatch(value!).ShouldBeTrue($"{secret} = {value} is not a Key Vault reference");
        }
        var secretNames = Secrets.Select(s => KeyVaultReference().Match(settings[s]).Groups["secret"].Value).ToList();
        secretNames.Distinct(StringComparer.Ordinal).Count().ShouldBe(Secrets.Length, "two settings share one Key Vault secret");
        Bicep("app/functionapp.bicep").ShouldContain("keyVaultReferenceIdentity: identityId");
        Bicep("app/keyvault.bicep").ShouldContain("enableRbacAuthorization: true");
    }

    [Fact]
    public async Task The_infrastructure_compiles_without_errors_or_warnings()
    {
        var build = await BicepCompiler.BuildAsync(RepositoryRoot.File("infra/main.bicep"));

        build.Diagnostics.ShouldNotContain("Error", Case.Sensitive, build.Diagnostics);
        build.Diagnostics.ShouldNotContain("Warning", Case.Sensitive, build.Diagnostics);
        build.ExitCode.ShouldBe(0, build.Diagnostics);
        using var template = JsonDocument.Parse(build.Json);
        template.RootElement.GetProperty("outputs").TryGetProperty("WHATSAPP_WEBHOOK_URL", out _).ShouldBeTrue();
    }

    [Fact]
    public void No_secret_or_key_is_written_into_the_bicep()
    {
        foreach (var file in BicepFiles)
        {
            var text = File.ReadAllText(file);
            foreach (var pattern in new[] { "listKeys(", "listConnectionStrings(", "AccountKey=", "SharedAccessKey", "primaryMasterKey", "InstrumentationKey=" })
            {
                text.ShouldNotContain(pattern, Case.Insensitive, $"{Path.GetFileName(file)} puts a key into a setting");
            }
            SecretLiteralParameterDefault().IsMatch(text).ShouldBeFalse($"{Path.GetFileName(file)} has a secure parameter with a literal default");
        }
    }

    [Fact]
    public void Cosmos_and_storage_accept_entra_id_only_and_no_service_bus_is_left()
    {
        Bicep("app/cosmos.bicep").ShouldContain("disableLocalAuth: true");
        Bicep("app/cosmos.bicep").ShouldContain("disableKeyBasedMetadataWriteAccess: true");
        Bicep("app/storage.bicep").ShouldContain("allowSharedKeyAccess: false");
        File.Exists(RepositoryRoot.File("infra/app/servicebus.bicep")).ShouldBeFalse();
        foreach (var file in BicepFiles.Append(RepositoryRoot.File("infra/main.parameters.json")).Append(RepositoryRoot.File("azure.yaml")))
        {
            var text = File.ReadAllText(file);
            text.ShouldNotContain("disableLocalAuth: false");
            text.ShouldNotContain("allowSharedKeyAccess: true");
            text.ShouldNotContain("ServiceBus", Case.Insensitive, $"{Path.GetFileName(file)} still names Service Bus");
        }
        foreach (var role in BicepAppSettings.FunctionAppRoles)
        {
            BicepAppSettings.ForFunctionApp(role).Values.Keys.Where(key => key.StartsWith("OpsHelm__Queue__", StringComparison.Ordinal))
                .ShouldBeEmpty("the store-backed work queue is gone");
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void The_host_the_durable_task_hub_and_the_notices_queue_reach_storage_with_the_identity(string role)
    {
        var settings = BicepAppSettings.ForFunctionApp(role).Values;

        settings["AzureWebJobsStorage__blobServiceUri"].ShouldBe("storage.properties.primaryEndpoints.blob");
        settings["AzureWebJobsStorage__queueServiceUri"].ShouldBe("storage.properties.primaryEndpoints.queue");
        settings["AzureWebJobsStorage__tableServiceUri"].ShouldBe("storage.properties.primaryEndpoints.table");
        settings["AzureWebJobsStorage__credential"].ShouldBe("'managedidentity'");
        settings["AzureWebJobsStorage__clientId"].ShouldBe("identityClientId");
        // The queue trigger's and output binding's Connection = "AzureWebJobsStorage" (the contract).
        BicepAppSettings.ForFunctionApp(role).SetsConnection("AzureWebJobsStorage").ShouldBeTrue();
        BicepAppSettings.ForFunctionApp(role).SetsConnection("ServiceBusConnection").ShouldBeFalse();
        settings["OpsHelm__Tables__TableServiceUri"].ShouldBe("storage.properties.primaryEndpoints.table");
        settings["OpsHelm__Tables__ManagedIdentityClientId"].ShouldBe("identityClientId");
        settings["OpsHelm__Tables__CreateTablesAtStartup"].ShouldBe("'false'", "the Bicep creates the tables");
        settings["OpsHelm__Cosmos__ManagedIdentityClientId"].ShouldBe("identityClientId");
        settings["OpsHelm__Blob__ManagedIdentityClientId"].ShouldBe("identityClientId");
        settings["OpsHelm__Store"].ShouldBe("'azure'");
        settings["OpsHelm__DevelopmentPrincipal__Enabled"].ShouldBe("'false'");
    }

    [Fact]
    public void The_identity_holds_the_storage_roles_durable_functions_and_the_queue_trigger_need()
    {
        var rbac = Bicep("app/rbac.bicep");

        // Storage Blob Data Owner, Storage Queue Data Contributor, Storage Table Data Contributor, on the app's account.
        foreach (var roleId in new[] { "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "974c5e8b-45b9-4653-ba55-5f855dd0fb88", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3" })
        {
            var variable = Regex.Match(rbac, $@"var (?<name>\w+) = '{roleId}'").Groups["name"].Value;
            variable.ShouldNotBeEmpty($"rbac.bicep has no role {roleId}");
            Regex.IsMatch(rbac, $@"name: guid\(storage\.id, managedIdentityPrincipalId, {variable}\)\s*scope: storage").ShouldBeTrue($"{variable} is not assigned to the identity on the storage account");
        }
    }

    [Fact]
    public void The_notices_queue_its_poison_queue_and_the_isolated_worker_stack_are_deployed()
    {
        var main = Bicep("main.bicep");
        var functionApp = Bicep("app/functionapp.bicep");

        main.ShouldContain("queueNames: ['opshelm-notices', 'opshelm-notices-poison']");
        Bicep("app/storage.bicep").ShouldContain("[for queue in queueNames:");
        functionApp.ShouldContain("param runtimeName string = 'dotnet-isolated'");
        functionApp.ShouldContain("tier: 'FlexConsumption'");
        functionApp.ShouldNotContain("customHandler", Case.Insensitive);
    }

    [Fact]
    public void The_bicep_creates_the_cosmos_container_and_the_tables_the_store_uses()
    {
        var options = new CosmosStoreOptions();
        var cosmos = Bicep("app/cosmos.bicep");
        var main = Bicep("main.bicep");

        ContainerPartitionKey(cosmos, options.RecordsContainer).ShouldBe("/workspaceId");
        Regex.Matches(cosmos, @"'Microsoft\.DocumentDB/databaseAccounts/sqlDatabases/containers@").Count.ShouldBe(1, "operational state moved to Table storage");
        // The concerns of OpsHelm.Storage's TableStore.Tables (one table each, prefix + concern).
        main.ShouldContain($"var storeTableConcerns = [{string.Join(", ", OpsHelm.Storage.Azure.Tables.TableStore.Tables.Select(t => $"'{t}'"))}]");
        main.ShouldContain($"var storeTablePrefix = '{new OpsHelm.Storage.Azure.Tables.TableStoreOptions().TablePrefix}'");
        main.ShouldContain("tableNames: [for concern in storeTableConcerns: '${storeTablePrefix}${concern}']");
        main.ShouldContain("var storeTablePrefix = 'opshelm'");
        Bicep("app/storage.bicep").ShouldContain("[for table in tableNames:");
        main.ShouldContain($"var cosmosDatabaseName = '{options.Database}'");
        BicepAppSettings.ForFunctionApp("ingest").Values["OpsHelm__Cosmos__CreateContainersAtStartup"].ShouldBe("'false'", "Entra ID tokens may not create containers");
    }

    [Fact]
    public void The_public_ingest_app_serves_no_portal_route_and_believes_no_principal()
    {
        var ingest = BicepAppSettings.ForFunctionApp("ingest");

        ingest.Values["OpsHelm__PrincipalSource"].ShouldBe("'None'");
        ingest.DisabledFunctions.ShouldBe(PortalFunctions, ignoreOrder: true);
    }

    [Fact]
    public void The_api_app_serves_only_the_portal_routes_and_believes_only_a_principal_app_service_authentication_let_through()
    {
        var api = BicepAppSettings.ForFunctionApp("api");
        var portal = Bicep("app/portal.bicep");

        api.Values["OpsHelm__PrincipalSource"].ShouldBe("'LinkedStaticWebApp'");
        api.DisabledFunctions.ShouldBe(IngestOnlyFunctions, ignoreOrder: true);
        // The link sets up App Service Authentication with the Static Web App as the only caller; a Bicep authsettingsV2
        // would replace what the link configured.
        Bicep("main.bicep").ShouldContain("backendResourceId: api.outputs.resourceId");
        portal.ShouldContain("'Microsoft.Web/staticSites/linkedBackends@");
        foreach (var file in BicepFiles)
        {
            File.ReadAllText(file).ShouldNotContain("authsettingsV2", Case.Insensitive, $"{Path.GetFileName(file)} configures App Service Authentication itself");
        }
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void The_webhook_urls_every_app_announces_are_those_of_the_ingest_app(string role)
    {
        var settings = BicepAppSettings.ForFunctionApp(role).Values;
        var main = Bicep("main.bicep");

        settings["Graph__Subscriptions__NotificationUrl"].ShouldBe("'${webhookBaseUrl}/api/notifications/graph'");
        settings["Graph__Subscriptions__LifecycleNotificationUrl"].ShouldBe("'${webhookBaseUrl}/api/notifications/graph/lifecycle'");
        settings["Gmail__Push__Audience"].ShouldBe("'${webhookBaseUrl}/api/notifications/gmail'");
        Bicep("app/functionapp.bicep").ShouldContain("var webhookBaseUrl = empty(ingestBaseUrl) ? baseUrl : ingestBaseUrl");
        Regex.Matches(main, @"ingestBaseUrl: ingest\.outputs\.uri").Count.ShouldBe(1, "the api app is told the ingest app's URL");
        foreach (var output in new[] { "GRAPH_NOTIFICATION_URL", "GRAPH_LIFECYCLE_NOTIFICATION_URL", "GMAIL_PUSH_ENDPOINT", "WHATSAPP_WEBHOOK_URL" })
        {
            main.ShouldContain($"output {output} string = '${{ingest.outputs.uri}}/api/");
        }
    }

    [Fact]
    public void Sign_in_is_set_from_parameters_with_the_secret_in_key_vault_and_no_placeholder()
    {
        var swa = BicepAppSettings.ForStaticWebApp().Values;
        using var parameters = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("infra/main.parameters.json")));
        var values = parameters.RootElement.GetProperty("parameters");

        swa["AZURE_CLIENT_ID"].ShouldBe("signInClientId");
        swa["AZURE_CLIENT_SECRET"].ShouldBe("'@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/portal-client-secret/)'");
        values.GetProperty("portalClientId").GetProperty("value").GetString().ShouldBe("${OPSHELM_PORTAL_CLIENT_ID}");
        values.GetProperty("portalTenantId").GetProperty("value").GetString().ShouldBe("${OPSHELM_PORTAL_TENANT_ID=}");
        Bicep("main.bicep").ShouldContain("signInClientId: portalClientId");
        Bicep("main.bicep").ShouldContain("output PORTAL_SIGN_IN_TENANT_ID string = signInTenantId");
        Bicep("app/rbac.bicep").ShouldContain("guid(keyVault.id, portalPrincipalId, keyVaultSecretsUserRoleId)");
        foreach (var file in BicepFiles.Concat([RepositoryRoot.File("infra/main.parameters.json"), RepositoryRoot.File("azure.yaml"),
            RepositoryRoot.File("src/portal/public/staticwebapp.config.json"), RepositoryRoot.File("infra/hooks/portal-sign-in.mjs")]))
        {
            File.ReadAllText(file).ShouldNotContain("<TENANT_ID>", customMessage: $"{file} still has a placeholder");
        }
    }

    [Fact]
    public async Task The_portal_deploy_hook_writes_the_tenant_into_the_sign_in_registration()
    {
        File.ReadAllText(RepositoryRoot.File("azure.yaml")).ShouldContain("run: node ../../infra/hooks/portal-sign-in.mjs dist/staticwebapp.config.json");
        var config = Path.Combine(Path.GetTempPath(), $"opshelm-swa-{Guid.NewGuid():n}.json");
        File.Copy(RepositoryRoot.File("src/portal/public/staticwebapp.config.json"), config);
        const string tenant = "0b6f8a3e-6d0c-4a41-9d53-2f1a8c7e5b90";
        try
        {
            (await Node(config, tenant)).ShouldBe(0);
            (await Node(config, "")).ShouldNotBe(0, "without a tenant the deploy stops");

            using var written = JsonDocument.Parse(File.ReadAllText(config));
            var registration = written.RootElement.GetProperty("auth").GetProperty("identityProviders").GetProperty("azureActiveDirectory").GetProperty("registration");
            registration.GetProperty("openIdIssuer").GetString().ShouldBe($"https://login.microsoftonline.com/{tenant}/v2.0");
            registration.GetProperty("clientIdSettingName").GetString().ShouldBe("AZURE_CLIENT_ID");
            registration.GetProperty("clientSecretSettingName").GetString().ShouldBe("AZURE_CLIENT_SECRET");
            written.RootElement.GetProperty("globalHeaders").GetProperty("Content-Security-Policy").GetString().ShouldNotBeNullOrEmpty("the rest of the config is kept");
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void Every_parameter_azd_passes_exists_and_every_required_parameter_is_passed()
    {
        var main = Bicep("main.bicep");
        using var parameters = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("infra/main.parameters.json")));
        var passed = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var declared = ParameterDeclaration().Matches(main).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["default"].Success, StringComparer.Ordinal);

        passed.Where(name => !declared.ContainsKey(name)).ShouldBeEmpty("main.parameters.json passes parameters main.bicep does not declare");
        declared.Where(p => !p.Value && !passed.Contains(p.Key)).Select(p => p.Key).ShouldBeEmpty("required parameters azd would have to prompt for without an azd env variable");
    }

    private static async Task<int> Node(string config, string tenant)
    {
        var start = new ProcessStartInfo("node", [RepositoryRoot.File("infra/hooks/portal-sign-in.mjs"), config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PORTAL_SIGN_IN_TENANT_ID"] = tenant;
        using var process = Process.Start(start)!;
        await process.StandardOutput.ReadToEndAsync();
        await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    private static string Bicep(string relative) => File.ReadAllText(RepositoryRoot.File("infra/" + relative));

    private static IEnumerable<string> SampleKeys()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("local.settings.sample.json")));
        return [.. sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name)];
    }

    private static string ContainerPartitionKey(string bicep, string container)
    {
        var match = Regex.Match(bicep, $@"id:\s*'{Regex.Escape(container)}'\s*partitionKey:\s*\{{\s*paths:\s*\['(?<path>[^']+)'\]");
        match.Success.ShouldBeTrue($"infra/app/cosmos.bicep creates no container {container} with a partition key");
        return match.Groups["path"].Value;
    }

    [GeneratedRegex(@"^'@Microsoft\.KeyVault\(SecretUri=\$\{keyVaultUri\}secrets/(?<secret>[a-z0-9-]+)/\)'$")]
    private static partial Regex KeyVaultReference();

    [GeneratedRegex(@"@secure\(\)\s*param\s+\w+\s+string\s*=\s*'[^']+'")]
    private static partial Regex SecretLiteralParameterDefault();

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s+\w+(?<default>\s*=)?", RegexOptions.Multiline)]
    private static partial Regex ParameterDeclaration();
}
