using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using OpsHelm.Connectors.Mime;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Tests.Mime;

/// <summary>
/// Hostile bytes as raw mail: the source never throws and every item is a message or a failure. The time bound is a
/// generous per-message ceiling (seconds, against milliseconds of real work) so it catches runaway parsing, not a slow machine.
/// </summary>
public sealed class RawMailPropertyTests
{
    private static readonly TimeSpan PerMessageCeiling = TimeSpan.FromSeconds(5);
    private static readonly WorkspaceConfig Workspace = new() { Id = "ws", Mailboxes = [new MailboxConfig { Id = "m", Address = "d@harborlightit.com" }] };

    // Raw bytes mixed with the pieces MIME parsers trip on, so the generator reaches past the first header.
    private static readonly string[] Pieces =
    [
        "From a@b Mon Nov 16 15:30:00 2026\n", "\n", "\r\n", "Content-Type: multipart/mixed; boundary=x\n", "--x\n", "--x--\n",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=y\n", "--y\nContent-Type: message/delivery-status\n\n",
        "Final-Recipient: rfc822;", "Content-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\nBEGIN:VEVENT\n",
        "Content-Type: application/ms-tnef\nContent-Transfer-Encoding: base64\n\neJ8+IgAA", "Subject: =?utf-8?B?", "=?iso-8859-1?Q?=E9?=",
        "Content-Transfer-Encoding: quoted-printable\n", "=\n", "Message-ID: <", ">", "References: <a@b> <", "Date: \n", ":", ";",
    ];

    private static Arbitrary<byte[]> HostileBytes() =>
        Gen.OneOf(
                ArbMap.Default.GeneratorFor<byte[]>(),
                Gen.ListOf(Gen.OneOf(Gen.Elements(Pieces), ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")))
                    .Select(parts => System.Text.Encoding.UTF8.GetBytes(string.Concat(parts))))
            .ToArbitrary();

    [Fact]
    public void Arbitrary_bytes_as_an_eml_never_throw_and_stay_within_the_per_message_bound()
    {
        using var temp = new TempDirectory();
        Prop.ForAll(HostileBytes(), bytes => Holds(temp, "x.eml", bytes)).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    [Fact]
    public void Arbitrary_bytes_as_an_mbox_never_throw_and_stay_within_the_per_message_bound()
    {
        using var temp = new TempDirectory();
        Prop.ForAll(HostileBytes(), bytes => Holds(temp, "x.mbox", bytes)).Check(Config.QuickThrowOnFailure.WithMaxTest(300));
    }

    private static bool Holds(TempDirectory temp, string name, byte[] bytes)
    {
        var path = Path.Combine(temp.Path, name);
        File.WriteAllBytes(path, bytes);
        var watch = Stopwatch.StartNew();
        var items = MimeFileSourceTests.ReadAllAsync(new MimeFileSource(path)).GetAwaiter().GetResult().SelectMany(b => b.Items).ToList();
        watch.Stop();
        return items.Count >= 1
            && items.All(i => (i.Message is null) != (i.Failure is null))
            && watch.Elapsed < PerMessageCeiling * items.Count;
    }
}
