using System.Globalization;
using OpsHelm.Core.Extraction;

namespace OpsHelm.Core.Tests.Extraction;

public class PromiseDetectorTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    // Wednesday 2 December 2026, 09:00 in London (GMT).
    private static readonly DateTimeOffset Sent = DateTimeOffset.Parse("2026-12-02T09:00:00Z", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("We will have the new switch configured and back in the rack by Friday.", "2026-12-04T17:00:00+00:00")]
    [InlineData("I'll join the bridge call at 13:00 and report back.", "2026-12-02T13:00:00+00:00")]
    [InlineData("I'll be on site from 8am to swap the firewall.", "2026-12-03T08:00:00+00:00")]
    [InlineData("After the backup finishes tonight, I'll rerun the restore test.", "2026-12-02T17:00:00+00:00")]
    [InlineData("On Thursday we'll rack the replacement NAS.", "2026-12-03T17:00:00+00:00")]
    [InlineData("I'll phone the carrier by 4pm - the line was down since 7am.", "2026-12-02T16:00:00+00:00")]
    [InlineData("The engineer is in Leeds on Monday, so we'll fit the new toner unit then.", "2026-12-07T17:00:00+00:00")]
    public void Promises_in_many_phrasings_carry_the_due_date_of_their_own_clause(string text, string due)
    {
        var promise = PromiseDetector.Detect(text, Sent, London).ShouldHaveSingleItem();
        promise.Due.ShouldBe(DateTimeOffset.Parse(due, CultureInfo.InvariantCulture));
        promise.Evidence.ShouldStartWith("commitment wording '");
        promise.Evidence.ShouldContain("due '");
    }

    [Theory]
    [InlineData("I'll keep you posted.")]
    [InlineData("We'll get the licences renewed next week.")]
    public void Promises_without_a_date_have_no_due(string text)
    {
        var promise = PromiseDetector.Detect(text, Sent, London).ShouldHaveSingleItem();
        promise.Due.ShouldBeNull();
        promise.Evidence.ShouldEndWith("no due date stated");
    }

    [Theory]
    [InlineData("I'll need the admin password for the NAS.")]
    [InlineData("I'll be out of the office on Friday.")]
    [InlineData("I'll take Saturday if nobody else can.")]
    [InlineData("We'll see how the patch behaves.")]
    [InlineData("They expect the circuit back within 2 hours.")]
    [InlineData("You'll have the quote by Friday.")]
    public void Statements_that_promise_no_deliverable_are_not_promises(string text)
    {
        PromiseDetector.Detect(text, Sent, London).ShouldBeEmpty();
    }
}
