using OpsHelm.Core.Extraction;

namespace OpsHelm.Core.Tests.Extraction;

public class DueDateReaderTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // Tuesday 10 November 2026, 08:52 in New York.
    private static readonly DateTimeOffset Sent = DateTimeOffset.Parse("2026-11-10T13:52:00Z");

    [Theory]
    [InlineData("I'll send it by EOD", "2026-11-10T17:00:00-05:00")]
    [InlineData("I'll send it by close of business", "2026-11-10T17:00:00-05:00")]
    [InlineData("I'll add the notes by end of day", "2026-11-10T17:00:00-05:00")]
    [InlineData("I'll drop a loaner tomorrow", "2026-11-11T17:00:00-05:00")]
    [InlineData("I'll confirm on Monday", "2026-11-16T17:00:00-05:00")]
    [InlineData("I'll confirm on Tuesday", "2026-11-17T17:00:00-05:00")]
    [InlineData("we will have it repaired by Friday", "2026-11-13T17:00:00-05:00")]
    [InlineData("I'll send the quote by the end of the week", "2026-11-13T17:00:00-05:00")]
    [InlineData("I'll send the next update in 2 hours", "2026-11-10T10:52:00-05:00")]
    [InlineData("we'll have it patched within 24 hours", "2026-11-11T08:52:00-05:00")]
    [InlineData("I'll update the calendar by 3pm", "2026-11-10T15:00:00-05:00")]
    [InlineData("I'll have the queue rebuilt by 10:30", "2026-11-10T10:30:00-05:00")]
    [InlineData("I'll have it delivered by November 13", "2026-11-13T17:00:00-05:00")]
    [InlineData("I'll have it delivered by Nov 13th", "2026-11-13T17:00:00-05:00")]
    [InlineData("I'll call you tomorrow at 9:30am", "2026-11-11T09:30:00-05:00")]
    [InlineData("I'll have it by 11/20", "2026-11-20T17:00:00-05:00")]
    [InlineData("I'll be done by 8am", "2026-11-11T08:00:00-05:00")]
    public void Due_dates_follow_the_replay_conventions(string text, string expected)
    {
        DueDateReader.Read(text, Sent, NewYork)?.Due.ShouldBe(DateTimeOffset.Parse(expected));
    }

    [Theory]
    [InlineData("I'll update you shortly")]
    [InlineData("We will review the policy with you next week")]
    [InlineData("I'll get to it soon")]
    public void Vague_promises_have_no_due_date(string text)
    {
        DueDateReader.Read(text, Sent, NewYork)?.Due.ShouldBeNull();
    }

    [Fact]
    public void A_weekday_named_on_that_weekday_means_the_next_one()
    {
        DueDateReader.Read("I'll confirm on Tuesday", Sent, NewYork)?.Due!.Value.Date.ShouldBe(new DateTime(2026, 11, 17));
    }

    [Fact]
    public void Due_dates_carry_the_offset_of_their_own_day_across_daylight_saving()
    {
        var beforeSwitch = DateTimeOffset.Parse("2026-10-30T14:00:00Z");
        DueDateReader.Read("I'll finish it on Monday", beforeSwitch, NewYork)?.Due.ShouldBe(DateTimeOffset.Parse("2026-11-02T17:00:00-05:00"));
        DueDateReader.Read("I'll finish it by EOD", beforeSwitch, NewYork)?.Due.ShouldBe(DateTimeOffset.Parse("2026-10-30T17:00:00-04:00"));
    }
}
