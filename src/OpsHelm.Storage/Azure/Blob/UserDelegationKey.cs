using System.Xml.Linq;

namespace OpsHelm.Storage.Azure.Blob;

/// <summary>A user-delegation key as Get User Delegation Key returns it: the key and the identity fields a SAS signs in.</summary>
internal sealed record UserDelegationKey(
    string SignedOid, string SignedTid, string SignedStart, string SignedExpiry, string SignedService, string SignedVersion, string Value)
{
    /// <summary>When the key stops signing.</summary>
    public DateTimeOffset Expiry => DateTimeOffset.Parse(SignedExpiry, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Reads the <c>UserDelegationKey</c> XML body (bounded by the caller).</summary>
    public static UserDelegationKey Parse(string xml)
    {
        var root = XDocument.Parse(xml).Root ?? throw new InvalidDataException("The user delegation key response is empty.");
        string Field(string name) => root.Element(name)?.Value ?? throw new InvalidDataException($"The user delegation key response lacks {name}.");
        return new UserDelegationKey(Field("SignedOid"), Field("SignedTid"), Field("SignedStart"), Field("SignedExpiry"),
            Field("SignedService"), Field("SignedVersion"), Field("Value"));
    }
}
