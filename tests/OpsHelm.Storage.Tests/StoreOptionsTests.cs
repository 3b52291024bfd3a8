using OpsHelm.Storage.Azure.Blob;
using OpsHelm.Storage.Azure.Cosmos;
using OpsHelm.Storage.Azure.Tables;

namespace OpsHelm.Storage.Tests;

public sealed class StoreOptionsTests
{
    private static Func<string, string?> Settings(params (string Key, string Value)[] values) =>
        key => values.FirstOrDefault(v => v.Key == key).Value;

    [Fact]
    public void The_embedded_store_is_the_default_and_needs_nothing_else()
    {
        var options = StoreOptions.From(Settings()).Validate();

        options.Store.ShouldBe(StoreOptions.Embedded);
        options.EmbeddedDirectory.ShouldBe(".opshelm");
    }

    [Fact]
    public void The_azure_store_reads_the_Cosmos_Blob_and_Table_settings()
    {
        var options = StoreOptions.From(Settings(
            ("OpsHelm:Store", "Azure"),
            ("OpsHelm:Cosmos:Endpoint", "https://acct.documents.azure.com:443/"),
            ("OpsHelm:Cosmos:Database", "prod"),
            ("OpsHelm:Blob:Endpoint", "https://acct.blob.core.windows.net"),
            ("OpsHelm:Blob:AccountName", "acct"),
            ("OpsHelm:Blob:MaxAttachmentBytes", "1048576"),
            ("OpsHelm:Tables:TableServiceUri", "https://acct.table.core.windows.net"),
            ("OpsHelm:Tables:ManagedIdentityClientId", "0000-uami"),
            ("OpsHelm:Tables:TablePrefix", "prod"))).Validate();

        options.Store.ShouldBe(StoreOptions.Azure);
        options.Cosmos.Database.ShouldBe("prod");
        options.Cosmos.Key.ShouldBeNull("no key: Entra ID");
        options.Blob.AccountKey.ShouldBeNull("no key: Entra ID");
        options.Blob.MaxAttachmentBytes.ShouldBe(1048576);
        options.Tables.TableServiceUri.ShouldBe(new Uri("https://acct.table.core.windows.net"));
        options.Tables.ConnectionString.ShouldBeNull("no connection string: Entra ID");
        options.Tables.ManagedIdentityClientId.ShouldBe("0000-uami");
        options.Tables.TablePrefix.ShouldBe("prod");
    }

    [Fact]
    public void Table_settings_name_every_problem()
    {
        Should.Throw<InvalidOperationException>(() => new TableStoreOptions().Validate())
            .Message.ShouldContain("OpsHelm:Tables:TableServiceUri (Entra ID) or OpsHelm:Tables:ConnectionString (Azurite) is required, not both");
        var error = Should.Throw<InvalidOperationException>(() => new TableStoreOptions
        {
            TableServiceUri = new Uri("http://acct.table.core.windows.net"),
            TablePrefix = "9-bad",
            MaxConflictRetries = 0,
        }.Validate());

        error.Message.ShouldContain("OpsHelm:Tables:TableServiceUri must be https");
        error.Message.ShouldContain("OpsHelm:Tables:TablePrefix must be 1–40 letters and digits");
        error.Message.ShouldContain("OpsHelm:Tables:MaxConflictRetries must be 1–100");
    }

    [Fact]
    public void An_unknown_store_or_missing_azure_settings_are_named()
    {
        Should.Throw<InvalidOperationException>(() => StoreOptions.From(Settings(("OpsHelm:Store", "mongo"))).Validate())
            .Message.ShouldContain("OpsHelm:Store must be 'embedded' or 'azure' (was 'mongo')");
        Should.Throw<InvalidOperationException>(() => StoreOptions.From(Settings(("OpsHelm:Store", "azure"))).Validate())
            .Message.ShouldContain("OpsHelm:Cosmos:Endpoint is required");
    }

    [Fact]
    public void Cosmos_settings_name_every_problem()
    {
        var error = Should.Throw<InvalidOperationException>(() => new CosmosStoreOptions
        {
            Endpoint = new Uri("http://acct.documents.azure.com/"),
            Key = "not base64!",
            LocalEmulator = true,
            PageSize = 0,
        }.Validate());

        error.Message.ShouldContain("Endpoint must be https");
        error.Message.ShouldContain("Key is not a base64 account key");
        error.Message.ShouldContain("LocalEmulator is only for a loopback endpoint");
        error.Message.ShouldContain("PageSize must be 1–1000");
    }

    [Fact]
    public void Blob_settings_name_every_problem_and_never_echo_the_key()
    {
        var error = Should.Throw<InvalidOperationException>(() => new BlobStoreOptions
        {
            Endpoint = new Uri("http://acct.blob.core.windows.net"),
            AccountName = "Bad_Name",
            AccountKey = "secret-not-base64",
            Container = "No",
            MaxAttachmentBytes = 0,
        }.Validate());

        error.Message.ShouldContain("plain http only on a loopback address");
        error.Message.ShouldContain("AccountName must be 3–24 lower-case letters and digits");
        error.Message.ShouldContain("AccountKey is not a base64 account key");
        error.Message.ShouldContain("Container must be 3–63");
        error.Message.ShouldContain("MaxAttachmentBytes");
        error.Message.ShouldNotContain("secret-not-base64");
    }

    [Fact]
    public void The_sample_local_settings_describe_a_valid_azure_store_pointing_at_the_emulators()
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "local.settings.sample.json")));
        var values = json.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name.Replace("__", ":"), p => p.Value.GetString());

        var options = StoreOptions.From(key => values.GetValueOrDefault(key)) with { Store = StoreOptions.Azure };

        options.Validate().Blob.AccountName.ShouldBe("devstoreaccount1");
        options.Tables.ConnectionString.ShouldBe("UseDevelopmentStorage=true");
        options.Cosmos.LocalEmulator.ShouldBeTrue();
        StoreOptions.From(key => values.GetValueOrDefault(key)).Store.ShouldBe(StoreOptions.Embedded);
    }
}
