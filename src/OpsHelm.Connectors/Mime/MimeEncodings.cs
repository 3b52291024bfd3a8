using System.Text;

namespace OpsHelm.Connectors.Mime;

/// <summary>Makes the legacy code pages (Windows-125x, ISO-8859-x, ISO-2022-JP …) available to MimeKit, which .NET leaves out by default.</summary>
internal static class MimeEncodings
{
    static MimeEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Registers the code pages once; safe to call from every reader.</summary>
    public static void EnsureRegistered()
    {
        // The static constructor does the work, once per process.
    }
}
