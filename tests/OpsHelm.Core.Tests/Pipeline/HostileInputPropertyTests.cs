using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using OpsHelm.Core.Pipeline;
using static OpsHelm.Core.Tests.Pipeline.Messages;

namespace OpsHelm.Core.Tests.Pipeline;

/// <summary>Mail is hostile input: whatever arrives, the pipeline neither throws nor runs away.</summary>
public class HostileInputPropertyTests
{
    // Generous on purpose: catastrophic backtracking or quadratic scans take far longer, a busy machine does not.
    private static readonly TimeSpan PerMessageBound = TimeSpan.FromSeconds(2);

    private static readonly MessagePipeline Pipeline = new(new PipelineOptions(), new FakeTimeProvider(DateTimeOffset.Parse("2026-11-12T12:00:00Z")));

    private static readonly string[] Fragments =
    [
        "<div>", "</div>", "<table><tr><td>", "</td></tr></table>", "<script>alert(1)</script>", "<style>p{}</style>",
        "<img src=x onerror=alert(1)>", "<a href=\"javascript:alert(1)\">", "&amp;", "&#x3C;", "<!--", "-->", "<![CDATA[",
        "INC0012345", "Ticket #310245", "Priority: 1 - Critical", "State: Pending - Awaiting Caller", "Company: QLL",
        "I'll send it by Friday", "Could you check?", "in 2 hours", "by 10:30", "________________", "From: x\nSent: y",
        "\n", " ", "?", ".", "\t", "\u0000", "\uFFFF", "é", "👍", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ];

    private static bool FinishesInTime(string subject, string body, bool html)
    {
        var message = Received("x@quarrylane.com", subject, body) with { BodyIsHtml = html };
        var watch = Stopwatch.StartNew();
        var outcome = Pipeline.Process(message, Profile, null, "run");
        return outcome.Event is not null && watch.Elapsed < PerMessageBound;
    }

    [Fact]
    public void Arbitrary_text_never_throws_and_stays_within_the_time_bound()
    {
        Prop.ForAll<string, string>((subject, body) => FinishesInTime(subject ?? "", body ?? "", html: false))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Arbitrary_html_never_throws_and_stays_within_the_time_bound()
    {
        var fragments = Gen.Elements(Fragments).ArrayOf().Select(parts => string.Concat(parts));
        var mixed = Gen.OneOf(fragments, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""));
        Prop.ForAll(mixed.ToArbitrary(), body => FinishesInTime("RE: x", body, html: true))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Arbitrary_sent_text_with_promise_language_never_throws()
    {
        var sentences = Gen.Elements(Fragments).ArrayOf().Select(parts => string.Join(" ", parts));
        Prop.ForAll(sentences.ToArbitrary(), body =>
        {
            var message = Sent("x@quarrylane.com", "RE: x", body);
            return Pipeline.Process(message, Profile, null, "run").Event is not null;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void One_megabyte_bodies_never_throw_and_stay_within_the_time_bound(bool html)
    {
        var random = new Random(42);
        for (var round = 0; round < 3; round++)
        {
            var builder = new System.Text.StringBuilder(1 << 20);
            while (builder.Length < 1 << 20)
            {
                builder.Append(Fragments[random.Next(Fragments.Length)]);
                if (random.Next(4) == 0)
                {
                    builder.Append(' ');
                }
            }
            FinishesInTime("big", builder.ToString(), html).ShouldBeTrue();
        }
    }

    [Fact]
    public void A_megabyte_of_one_repeated_character_stays_within_the_time_bound()
    {
        foreach (var c in "a <?.\n#1")
        {
            FinishesInTime(new string(c, 1000), new string(c, 1 << 20), html: false).ShouldBeTrue();
        }
    }
}
