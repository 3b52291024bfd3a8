using System.Text.Json;
using System.Text.RegularExpressions;
using OpsHelm.Storage.Azure.Cosmos;

namespace OpsHelm.Functions.Tests.Infra;

/// <summary>
/// The azd Bicep (infra/) against the settings the app reads (local.settings.sample.json lists every one): whatever the app
/// needs in Azure is set, secrets come from Key Vault, and no data service accepts keys. Textual: no Bicep compiler here.
/// </summary>
public sealed partial class BicepSettingsTests
{
    // Sample keys that are deliberately not set in Azure.
    private static readonly Dictionary<string, string> NotSetInAzure = new(StringComparer.Ordinal)
    {
        // A comment in the sample, not a setting.
        ["OpsHelm__Store_Choices"] = "comment",
        // The embedded store (SQLite + folder) is the local default; Azure runs the Cosmos DB + Blob store.
        ["OpsHelm__Embedded__Directory"] = "embedded store only",
        ["OpsHelm__Embedded__LockLease"] = "embedded store only",
        // Under the Functions host the host fires the timers (the app turns its scheduler off by itself), and the Static Web App serves the portal.
        ["OpsHelm__Scheduler__Enabled"] = "standalone only",
        // func start with the Store kind has no Service Bus to listen to; in Azure the trigger runs (the ServiceBus kind is set).
        ["AzureWebJobs.ProcessWorkItem.Disabled"] = "local Store kind only",
        ["OpsHelm__Portal__Directory"] = "standalone only",
        // Emulator keys and switches: in Azure the managed identity is used and the SDK defaults hold.
        ["OpsHelm__Cosmos__Key"] = "emulator key",
        ["OpsHelm__Cosmos__GatewayMode"] = "emulator switch",
        ["OpsHelm__Cosmos__LimitToEndpoint"] = "emulator switch",
        ["OpsHelm__Cosmos__LocalEmulator"] = "emulator switch",
        ["OpsHelm__Blob__AccountKey"] = "emulator key",
        // Azurite's connection string: in Azure the tables are reached by OpsHelm__Tables__TableServiceUri and the identity.
        ["OpsHelm__Tables__ConnectionString"] = "emulator connection string",
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

    // Keys that must never be set in Azure: each would bypass the managed identity or point at an emulator.
    private static readonly string[] MustNotBeSetInAzure =
    [
        "OpsHelm__Cosmos__Key", "OpsHelm__Blob__AccountKey", "OpsHelm__Cosmos__LocalEmulator", "OpsHelm__Cosmos__GatewayMode",
        "OpsHelm__Cosmos__LimitToEndpoint", "OpsHelm__Embedded__Directory", "OpsHelm__Tables__ConnectionString",
    ];

    // Provider secrets: their values live in Key Vault only.
    private static readonly string[] Secrets =
    [
        "Graph__Credential__ClientSecret", "Gmail__Credential__PrivateKey", "Gmail__Credential__ClientSecret",
        "Gmail__Credential__RefreshToken", "WhatsApp__AppSecret", "WhatsApp__AccessToken", "WhatsApp__VerifyToken",
    ];

    private static readonly string[] BicepFiles = Directory.GetFiles(RepositoryRoot.File("infra"), "*.bicep", SearchOption.AllDirectories);

    private static readonly BicepAppSettings AppSettings = BicepAppSettings.Read(BicepFiles);

    [Fact]
    public void Every_setting_the_app_reads_is_set_by_the_bicep()
    {
        var required = SampleKeys().Where(key => !NotSetInAzure.ContainsKey(key)).ToList();

        var missing = required.Where(key => !AppSettings.Values.ContainsKey(key)).ToList();

        required.ShouldNotBeEmpty();
        missing.ShouldBeEmpty(
            $"local.settings.sample.json lists settings no appsettings block in infra/ sets: {string.Join(", ", missing)}. " +
            "Set them in infra/app/api.bicep, or add them to NotSetInAzure with the reason.");
    }

    [Fact]
    public void The_keys_left_out_in_azure_are_still_settings_the_app_reads()
    {
        var sample = SampleKeys().ToHashSet(StringComparer.Ordinal);

        NotSetInAzure.Keys.Where(key => !sample.Contains(key)).ShouldBeEmpty("a key left out here is no longer in local.settings.sample.json");
        Secrets.Where(key => !sample.Contains(key)).ShouldBeEmpty("a secret listed here is no longer in local.settings.sample.json");
    }

    [Fact]
    public void Emulator_keys_and_switches_are_not_set_in_azure()
    {
        MustNotBeSetInAzure.Where(AppSettings.Values.ContainsKey).ShouldBeEmpty("the managed identity replaces keys in Azure");
    }

    [Fact]
    public void Every_provider_secret_is_a_key_vault_reference_resolved_with_the_identity()
    {
        foreach (var secret in Secrets)
        {
            AppSettings.Values.TryGetValue(secret, out var value).ShouldBeTrue($"{secret} is not set");
            KeyVaultReference().IsMatch(value!).ShouldBeTrue($"{secret} = {value} is not a Key Vault reference");
        }
        var secretNames = Secrets.Select(s => KeyVaultReference().Match(AppSettings.Values[s]).Groups["secret"].Value).ToList();
        secretNames.Distinct(StringComparer.Ordinal).Count().ShouldBe(Secrets.Length, "two settings share one Key Vault secret");
        Bicep("app/api.bicep").ShouldContain("keyVaultReferenceIdentity: identityId");
        Bicep("app/keyvault.bicep").ShouldContain("enableRbacAuthorization: true");
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
    public void Cosmos_storage_and_service_bus_accept_entra_id_only()
    {
        Bicep("app/cosmos.bicep").ShouldContain("disableLocalAuth: true");
        Bicep("app/cosmos.bicep").ShouldContain("disableKeyBasedMetadataWriteAccess: true");
        Bicep("app/servicebus.bicep").ShouldContain("disableLocalAuth: true");
        Bicep("main.bicep").ShouldContain("allowSharedKeyAccess: false");
        foreach (var file in BicepFiles)
        {
            var text = File.ReadAllText(file);
            text.ShouldNotContain("disableLocalAuth: false");
            text.ShouldNotContain("allowSharedKeyAccess: true");
        }
    }

    [Fact]
    public void The_functions_host_and_the_app_reach_storage_and_service_bus_with_the_identity()
    {
        AppSettings.Values["AzureWebJobsStorage__credential"].ShouldBe("'managedidentity'");
        AppSettings.Values["AzureWebJobsStorage__clientId"].ShouldBe("identityClientId");
        AppSettings.Values["ServiceBusConnection__credential"].ShouldBe("'managedidentity'");
        AppSettings.Values["ServiceBusConnection__clientId"].ShouldBe("identityClientId");
        AppSettings.Values["OpsHelm__Cosmos__ManagedIdentityClientId"].ShouldBe("identityClientId");
        AppSettings.Values["OpsHelm__Blob__ManagedIdentityClientId"].ShouldBe("identityClientId");
        AppSettings.Values["OpsHelm__Tables__ManagedIdentityClientId"].ShouldBe("identityClientId");
        AppSettings.Values["OpsHelm__Tables__TableServiceUri"].ShouldContain("primaryEndpoints.table");
        AppSettings.Values["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"].ShouldContain("Authorization=AAD", Case.Sensitive, "the exporter ingests with the identity");
        AppSettings.Values["OpsHelm__Store"].ShouldBe("'azure'");
        AppSettings.Values["OpsHelm__Queue__Kind"].ShouldBe("'ServiceBus'", "under the host the ProcessWorkItem trigger takes the items");
        AppSettings.Values["OpsHelm__Queue__ManagedIdentityClientId"].ShouldBe("identityClientId");
        AppSettings.Values["OpsHelm__Queue__ServiceBusNamespace"].ShouldBe("serviceBusFullyQualifiedNamespace");
        AppSettings.Values["OpsHelm__DevelopmentPrincipal__Enabled"].ShouldBe("'false'");
        AppSettings.Values.Keys.ShouldNotContain("AzureWebJobsStorage", "a connection string would carry the account key");
    }

    [Fact]
    public void The_bicep_creates_the_cosmos_containers_the_app_uses_with_their_partition_keys()
    {
        var options = new CosmosStoreOptions();
        var cosmos = Bicep("app/cosmos.bicep");

        ContainerPartitionKey(cosmos, options.RecordsContainer).ShouldBe("/workspaceId");
        Bicep("main.bicep").ShouldContain($"var cosmosDatabaseName = '{options.Database}'");
        AppSettings.Values["OpsHelm__Cosmos__CreateContainersAtStartup"].ShouldBe("'false'", "Entra ID tokens may not create containers");
    }

    [Fact]
    public void The_bicep_creates_every_table_the_app_uses_since_the_identity_may_not()
    {
        var prefix = new OpsHelm.Storage.Azure.Tables.TableStoreOptions().TablePrefix;
        var infra = string.Join('\n', BicepFiles.Select(File.ReadAllText));

        OpsHelm.Storage.Azure.Tables.TableStore.Tables.Where(table => !infra.Contains($"'{prefix}{table}'", StringComparison.Ordinal)).ShouldBeEmpty(
            "every table named in infra/ as a literal (TableStore.Tables with the default prefix)");
        AppSettings.Values["OpsHelm__Tables__CreateTablesAtStartup"].ShouldBe("'false'");
        AppSettings.Values["OpsHelm__Tables__TablePrefix"].ShouldBe($"'{prefix}'");
    }

    [Fact]
    public void The_work_queue_dead_letters_after_a_bounded_number_of_deliveries()
    {
        var serviceBus = Bicep("app/servicebus.bicep");

        serviceBus.ShouldContain("maxDeliveryCount: maxDeliveryCount");
        MaxDeliveryCountDefault().Match(serviceBus).Groups["count"].Value.ShouldBe("5");
        serviceBus.ShouldContain("deadLetteringOnMessageExpiration: true");
    }

    [Fact]
    public void The_work_queue_has_the_sessions_and_duplicate_detection_the_trigger_and_sender_rely_on()
    {
        var serviceBus = Bicep("app/servicebus.bicep");
        using var trigger = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.File("src/OpsHelm.Functions/FunctionManifests/ProcessWorkItem/function.json")));
        var binding = trigger.RootElement.GetProperty("bindings")[0];

        serviceBus.ShouldContain("requiresSession: true");
        serviceBus.ShouldContain("requiresDuplicateDetection: true");
        serviceBus.ShouldNotContain("'Basic'", customMessage: "Basic has neither sessions nor duplicate detection");
        binding.GetProperty("isSessionsEnabled").GetBoolean().ShouldBeTrue();
        var queueSetting = binding.GetProperty("queueName").GetString()!.Trim('%');
        AppSettings.Values[queueSetting].ShouldBe("workQueueName");
        AppSettings.Values[binding.GetProperty("connection").GetString() + "__fullyQualifiedNamespace"].ShouldBe("serviceBusFullyQualifiedNamespace");
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

    [GeneratedRegex(@"param\s+maxDeliveryCount\s+int\s*=\s*(?<count>\d+)")]
    private static partial Regex MaxDeliveryCountDefault();
}
