using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpsHelm.Storage.Azure.Blob;

/// <summary>
/// Read-only SAS links to one blob (version 2020-12-06+ string-to-sign layouts): a service SAS signed with the account key, or a
/// user-delegation SAS signed with a key obtained with an Entra ID token. Every link sets <c>rscd</c> so a browser downloads
/// the file instead of rendering it.
/// </summary>
internal static class BlobReadLinks
{
    /// <summary>A service SAS for <paramref name="blobUri"/> (Shared Key).</summary>
    public static Uri Service(Uri blobUri, string accountName, string container, string blob, DateTimeOffset expiry, string fileName, Func<string, string> sign)
    {
        var fields = Common(blobUri, expiry, fileName);
        var stringToSign = string.Join('\n',
            "r", "", fields.Expiry, Canonical(accountName, container, blob), "", "", fields.Protocol, BlobStoreOptions.ApiVersion, "b", "", "",
            "", fields.Disposition, "", "", "");
        return Build(blobUri, [("sv", BlobStoreOptions.ApiVersion), ("spr", fields.Protocol), ("se", fields.Expiry), ("sr", "b"), ("sp", "r"),
            ("rscd", fields.Disposition), ("sig", sign(stringToSign))]);
    }

    /// <summary>A user-delegation SAS for <paramref name="blobUri"/>.</summary>
    public static Uri UserDelegation(Uri blobUri, string accountName, string container, string blob, DateTimeOffset expiry, string fileName, UserDelegationKey key)
    {
        var fields = Common(blobUri, expiry, fileName);
        var stringToSign = string.Join('\n',
            "r", "", fields.Expiry, Canonical(accountName, container, blob),
            key.SignedOid, key.SignedTid, key.SignedStart, key.SignedExpiry, key.SignedService, key.SignedVersion,
            "", "", "", "", fields.Protocol, BlobStoreOptions.ApiVersion, "b", "", "",
            "", fields.Disposition, "", "", "");
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(key.Value), Encoding.UTF8.GetBytes(stringToSign)));
        return Build(blobUri, [("sv", BlobStoreOptions.ApiVersion), ("spr", fields.Protocol), ("se", fields.Expiry), ("sr", "b"), ("sp", "r"),
            ("skoid", key.SignedOid), ("sktid", key.SignedTid), ("skt", key.SignedStart), ("ske", key.SignedExpiry),
            ("sks", key.SignedService), ("skv", key.SignedVersion), ("rscd", fields.Disposition), ("sig", signature)]);
    }

    /// <summary>The SAS time format: ISO 8601 UTC to the second.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static (string Expiry, string Protocol, string Disposition) Common(Uri blobUri, DateTimeOffset expiry, string fileName) =>
        (Time(expiry), blobUri.Scheme == Uri.UriSchemeHttps ? "https" : "https,http", $"attachment; filename=\"{fileName}\"");

    // The resource a SAS signs: /blob/{account}/{container}/{blob}, the blob name unencoded.
    private static string Canonical(string accountName, string container, string blob) => $"/blob/{accountName}/{container}/{blob}";

    private static Uri Build(Uri blobUri, IEnumerable<(string Name, string Value)> parameters) =>
        new(blobUri.GetLeftPart(UriPartial.Path) + "?" + string.Join('&', parameters.Select(p => p.Name + "=" + Uri.EscapeDataString(p.Value))));
}
