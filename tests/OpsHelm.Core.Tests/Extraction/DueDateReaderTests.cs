using System.Globalization;
using OpsHelm.Core.Extraction;

namespace OpsHelm.Core.Tests.Extraction;

/// <summary>
/// The due-date table: every expectation is written from DESIGN §6 and the samples' labelling calls, not from the
/// reader's output. Each expression is read as sent at Tuesday 24 November 2026 10:15 local time in six workspace time
/// zones; numeric dates differ by convention (month first in America/*, day first elsewhere).
/// </summary>
public class DueDateReaderTests
{
    private const string Sent = "2026-11-24 10:15";

    private static readonly string[] Zones =
        ["Europe/London", "Europe/Dublin", "America/New_York", "America/Chicago", "Australia/Sydney", "Asia/Kolkata"];

    // Expression, then the expected local due ("" when the expression states no due date).
    private static readonly (string Expression, string Due)[] Common =
    [
        ("I'll send it by EOD", "2026-11-24 17:00"),
        ("I'll send it by COB", "2026-11-24 17:00"),
        ("I'll send it by close of business", "2026-11-24 17:00"),
        ("I'll send it by end of play", "2026-11-24 17:00"),
        ("I'll have it back to you EOP today", "2026-11-24 17:00"),
        ("we'll have it done by the end of the day", "2026-11-24 17:00"),
        ("I'll call you tomorrow", "2026-11-25 17:00"),
        ("I'll pick it up first thing tomorrow", "2026-11-25 17:00"),
        ("I'll be on site tomorrow morning", "2026-11-25 12:00"),
        ("I'll confirm by tomorrow at 9am", "2026-11-25 09:00"),
        ("we'll patch it tomorrow at 14:30", "2026-11-25 14:30"),
        ("I'll finish the day after tomorrow", "2026-11-26 17:00"),
        ("I'll send the quote by Friday", "2026-11-27 17:00"),
        ("I'll swap it on Monday", "2026-11-30 17:00"),
        ("I'll confirm by Tuesday", "2026-12-01 17:00"),
        ("I'll call next Wednesday", "2026-11-25 17:00"),
        ("I'll be there Thursday", "2026-11-26 17:00"),
        ("I'll order it by Thu", "2026-11-26 17:00"),
        ("I'll ship it Fri", "2026-11-27 17:00"),
        ("I'll come in on Saturday to swap the switch", "2026-11-28 17:00"),
        ("we'll run the update Sunday", "2026-11-29 17:00"),
        ("I'll have his laptop built by EOD Friday", "2026-11-27 17:00"),
        ("I'll have it ready Friday EOD", "2026-11-27 17:00"),
        ("I'll send it COB Thursday", "2026-11-26 17:00"),
        ("I'll look at it Monday morning", "2026-11-30 12:00"),
        ("I'll chase them first thing Monday", "2026-11-30 17:00"),
        ("I'll call Wednesday at 3pm", "2026-11-25 15:00"),
        ("I'll have it done by end of week", "2026-11-27 17:00"),
        ("I'll send the report by the end of the week", "2026-11-27 17:00"),
        ("I'll update the docs EOW", "2026-11-27 17:00"),
        ("I'll finish the rollout by end of next week", "2026-12-04 17:00"),
        ("I'll invoice by the end of the month", "2026-11-30 17:00"),
        ("I'll send the next update in 2 hours", "2026-11-24 12:15"),
        ("we'll have it patched within 24 hours", "2026-11-25 10:15"),
        ("I'll call you back in an hour", "2026-11-24 11:15"),
        ("I'll ring back in half an hour", "2026-11-24 10:45"),
        ("we'll restore it within the next 3 hours", "2026-11-24 13:15"),
        ("I'll reboot it in 30 minutes", "2026-11-24 10:45"),
        ("I'll have the parts in 3 days", "2026-11-27 10:15"),
        ("I'll send it in two days", "2026-11-26 10:15"),
        ("we'll migrate it within a week", "2026-12-01 10:15"),
        ("I'll deliver in 2 working days", "2026-11-26 10:15"),
        ("I'll deliver in 4 business days", "2026-11-30 10:15"),
        ("I'll check back in a couple of hours", "2026-11-24 12:15"),
        ("I'll update the calendar by 3pm", "2026-11-24 15:00"),
        ("I'll update the calendar by 3 pm", "2026-11-24 15:00"),
        ("I'll send it by 3:30pm", "2026-11-24 15:30"),
        ("I'll send it by 3.30pm", "2026-11-24 15:30"),
        ("I'll ring you at 10:30", "2026-11-24 10:30"),
        ("I'll have it back by 16:30", "2026-11-24 16:30"),
        ("I'll be on site by 7am", "2026-11-25 07:00"),
        ("I'll have it running by 7pm", "2026-11-24 19:00"),
        ("I'll call at 6 a.m. tomorrow", "2026-11-25 06:00"),
        ("I'll have the printer back by 4pm Thursday", "2026-11-26 16:00"),
        ("I'll have the queue rebuilt by 9:00", "2026-11-25 09:00"),
        ("I'll call at 4", "2026-11-24 16:00"),
        ("I'll be done by 4 o'clock", "2026-11-24 16:00"),
        ("I'll reply before noon", "2026-11-24 12:00"),
        ("I'll send it by midday", "2026-11-24 12:00"),
        ("I'll be on the bridge by 1600hrs", "2026-11-24 16:00"),
        ("I'll be in by 7.30", "2026-11-25 07:30"),
        ("I'll get back to you later this morning", "2026-11-24 12:00"),
        ("I'll finish it this afternoon", "2026-11-24 17:00"),
        ("I'll send it later today", "2026-11-24 17:00"),
        ("I'll send it today", "2026-11-24 17:00"),
        ("I'll run the backup tonight", "2026-11-24 17:00"),
        ("I'll send the root-cause note by 3 December", "2026-12-03 17:00"),
        ("I'll send it by 3rd December", "2026-12-03 17:00"),
        ("I'll send it by the 3rd of December", "2026-12-03 17:00"),
        ("I'll be there on December 3", "2026-12-03 17:00"),
        ("I'll be there by Dec 3rd", "2026-12-03 17:00"),
        ("I'll be there by Thursday 3 December", "2026-12-03 17:00"),
        ("I'll be there by Thursday, December 3, 2026", "2026-12-03 17:00"),
        ("I'll deliver 3 Dec 2026", "2026-12-03 17:00"),
        ("I'll confirm by 3 December at 9am", "2026-12-03 09:00"),
        ("I'll confirm the install date by 11 December at 9am", "2026-12-11 09:00"),
        ("we'll cut over on 11 December at 14:00", "2026-12-11 14:00"),
        ("I'll deliver by 2026-12-03", "2026-12-03 17:00"),
        ("I'll have a quote with you by the 4th", "2026-12-04 17:00"),
        ("I'll visit on the 30th", "2026-11-30 17:00"),
        ("I'll renew it by the 24th", "2026-12-24 17:00"),
        ("I'll renew it by 5 January", "2027-01-05 17:00"),
        ("I'll close it by 20 November", "2026-11-20 17:00"),
        ("I'll get the tills configured by 10 December at 3pm", "2026-12-10 15:00"),
        ("I'll send it by 15:00 on Friday", "2026-11-27 15:00"),
        ("I'll reply no later than Friday", "2026-11-27 17:00"),
        ("I'll patch it before Thursday", "2026-11-26 17:00"),
        ("I'll send it by end of day tomorrow", "2026-11-25 17:00"),
        ("I'll send it EOD tomorrow", "2026-11-25 17:00"),
        ("I'll reply by 12 noon", "2026-11-24 12:00"),
        ("I'll finish by midnight", "2026-11-25 00:00"),
        ("I'll dial in around 2:45pm", "2026-11-24 14:45"),
        ("I'll dial in by 2.45pm", "2026-11-24 14:45"),
        ("I'll have it by 11am tomorrow", "2026-11-25 11:00"),
        ("I'll be in by 9 tomorrow", "2026-11-25 09:00"),
        ("On Monday I'll hand the rollout over", "2026-11-30 17:00"),
        ("I'll update you shortly", ""),
        ("I'll get to it soon", ""),
        ("We will review the policy with you next week", ""),
        ("I'll do it asap", ""),
        ("I'll send it as soon as possible", ""),
        ("I'll let you know in due course", ""),
        ("I'll have a look when I can", ""),
        ("I'll keep an eye on it in the coming days", ""),
        ("I'll check the 3rd floor printers", ""),
        ("I'll upgrade FortiClient to 7.2.6", ""),
        ("I'll update ticket 482190", ""),
        ("I'll image the 12 laptops", ""),
    ];

    // Expression, the due read day first (Europe, Australia, India), the due read month first (America/*).
    private static readonly (string Expression, string DayFirst, string MonthFirst)[] Numeric =
    [
        ("I'll send it by 04/12", "2026-12-04 17:00", "2027-04-12 17:00"),
        ("I'll send it by 26/11", "2026-11-26 17:00", ""),
        ("I'll send it by 11/12", "2026-12-11 17:00", "2027-11-12 17:00"),
        ("I'll send it by 30/11/2026", "2026-11-30 17:00", ""),
        ("I'll send it by 12/1/27", "2027-01-12 17:00", "2027-12-01 17:00"),
        ("I'll send it by 03.12.2026", "2026-12-03 17:00", "2026-03-12 17:00"),
        ("I'll send it Fri 27/11", "2026-11-27 17:00", ""),
        ("I'll send it by 12/04", "2027-04-12 17:00", "2026-12-04 17:00"),
        ("I'll send it by 11/30", "", "2026-11-30 17:00"),
        ("I'll send it by 1/12 at 10am", "2026-12-01 10:00", "2027-01-12 10:00"),
    ];

    /// <summary>Every row of the table, in every zone.</summary>
    public static TheoryData<string, string, string> Table()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var zone in Zones)
        {
            foreach (var (expression, due) in Common)
            {
                data.Add(zone, expression, due);
            }
            var monthFirst = zone.StartsWith("America/", StringComparison.Ordinal);
            foreach (var (expression, dayFirst, monthFirstDue) in Numeric)
            {
                data.Add(zone, expression, monthFirst ? monthFirstDue : dayFirst);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void An_expression_sent_on_a_Tuesday_morning_is_due_when_the_rules_say(string zoneId, string expression, string expectedLocal)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var read = DueDateReader.Read(expression, At(Sent, zone), zone);
        if (expectedLocal.Length == 0)
        {
            read.ShouldBeNull(expression);
            return;
        }
        read.ShouldNotBeNull(expression);
        read.Value.Due.ShouldBe(At(expectedLocal, zone), expression);
        read.Value.Evidence.ShouldStartWith("due '");
    }

    [Theory]
    // London: clocks go back at 02:00 BST on Sun 25 Oct 2026 and forward at 01:00 GMT on Sun 29 Mar 2026.
    [InlineData("Europe/London", "2026-10-23T12:00:00+01:00", "I'll finish it on Monday", "2026-10-26T17:00:00+00:00")]
    [InlineData("Europe/London", "2026-10-23T12:00:00+01:00", "I'll finish it by EOD", "2026-10-23T17:00:00+01:00")]
    [InlineData("Europe/London", "2026-10-24T23:10:00+01:00", "I'll be there by 8am", "2026-10-25T08:00:00+00:00")]
    [InlineData("Europe/London", "2026-10-24T22:00:00+01:00", "I'll reboot it by 1:30am", "2026-10-25T01:30:00+01:00")]
    [InlineData("Europe/London", "2026-10-24T12:00:00+01:00", "I'll have it back within 24 hours", "2026-10-25T11:00:00+00:00")]
    [InlineData("Europe/London", "2026-10-24T12:00:00+01:00", "I'll have it back in 1 day", "2026-10-25T12:00:00+00:00")]
    [InlineData("Europe/London", "2026-03-28T23:30:00+00:00", "I'll reboot it by 1:30am", "2026-03-29T02:30:00+01:00")]
    [InlineData("Europe/London", "2026-03-28T12:00:00+00:00", "I'll send it tomorrow", "2026-03-29T17:00:00+01:00")]
    [InlineData("Europe/London", "2026-03-28T12:00:00+00:00", "I'll send it in 24 hours", "2026-03-29T13:00:00+01:00")]
    [InlineData("Europe/London", "2026-11-28T12:00:00+00:00", "I'll send it by end of week", "2026-12-04T17:00:00+00:00")]
    // New York: forward at 02:00 on Sun 8 Mar 2026, back at 02:00 on Sun 1 Nov 2026.
    [InlineData("America/New_York", "2026-03-07T10:00:00-05:00", "I'll call by Monday", "2026-03-09T17:00:00-04:00")]
    [InlineData("America/New_York", "2026-03-07T23:00:00-05:00", "I'll patch it by 2:30am", "2026-03-08T03:30:00-04:00")]
    [InlineData("America/New_York", "2026-10-31T22:00:00-04:00", "I'll patch it by 1:30am", "2026-11-01T01:30:00-04:00")]
    [InlineData("America/New_York", "2026-10-30T10:00:00-04:00", "I'll have the parts in 3 days", "2026-11-02T10:00:00-05:00")]
    [InlineData("America/New_York", "2026-10-30T10:00:00-04:00", "I'll finish it by 11/2", "2026-11-02T17:00:00-05:00")]
    // Sydney: forward at 02:00 AEST on Sun 4 Oct 2026, back at 03:00 AEDT on Sun 5 Apr 2026.
    [InlineData("Australia/Sydney", "2026-10-02T12:00:00+10:00", "I'll finish it on Monday", "2026-10-05T17:00:00+11:00")]
    [InlineData("Australia/Sydney", "2026-10-03T23:00:00+10:00", "I'll patch it by 2:30am", "2026-10-04T03:30:00+11:00")]
    [InlineData("Australia/Sydney", "2026-04-04T12:00:00+11:00", "I'll send it tomorrow", "2026-04-05T17:00:00+10:00")]
    [InlineData("Australia/Sydney", "2026-04-04T23:00:00+11:00", "I'll patch it by 2:30am", "2026-04-05T02:30:00+11:00")]
    [InlineData("Australia/Sydney", "2026-04-04T12:00:00+11:00", "I'll finish it by 6/4", "2026-04-06T17:00:00+10:00")]
    // Kolkata keeps +05:30 all year.
    [InlineData("Asia/Kolkata", "2026-03-28T23:30:00+05:30", "I'll send it in 48 hours", "2026-03-30T23:30:00+05:30")]
    [InlineData("Asia/Kolkata", "2026-12-31T18:00:00+05:30", "I'll renew it by 5 January", "2027-01-05T17:00:00+05:30")]
    public void Due_dates_across_daylight_saving_changes_carry_their_own_offset(string zoneId, string sent, string expression, string expected)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        var read = DueDateReader.Read(expression, DateTimeOffset.Parse(sent, CultureInfo.InvariantCulture), zone);
        read.ShouldNotBeNull(expression);
        read.Value.Due.ShouldBe(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture));
        read.Value.Due.Offset.ShouldBe(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture).Offset);
    }

    [Fact]
    public void The_table_holds_at_least_three_hundred_expressions()
    {
        Table().Count().ShouldBeGreaterThanOrEqualTo(300);
    }

    [Fact]
    public void A_long_run_of_digits_and_words_is_read_in_bounded_time()
    {
        var hostile = string.Concat(Enumerable.Repeat("by 1/2/ 3rd of tomorrow 12:3 in 9 ", 20_000));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        _ = DueDateReader.Read(hostile, DateTimeOffset.Parse("2026-11-24T10:15:00Z", CultureInfo.InvariantCulture), TimeZoneInfo.Utc);
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    private static DateTimeOffset At(string local, TimeZoneInfo zone)
    {
        var wall = DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        return new DateTimeOffset(wall, zone.GetUtcOffset(wall));
    }
}
