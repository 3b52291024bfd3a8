using System.Text.RegularExpressions;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Extraction;

/// <summary>
/// Reads a due date from promise text in the workspace time zone relative to the sent time (DESIGN §6): a date
/// without a time is 17:00; EOD/COB/end of day 17:00 the same day; tomorrow 17:00 the next day; a weekday the next
/// such day strictly after the sent date; end of the week that week's Friday; "in/within N hours/days" the sent time
/// plus N; an explicit time sets the hour. Anything vaguer has no due date.
/// </summary>
public static partial class DueDateParser
{
    private static readonly TimeSpan EndOfDay = TimeSpan.FromHours(17);

    /// <summary>The due date <paramref name="text"/> states, or null.</summary>
    public static DateTimeOffset? Parse(string text, DateTimeOffset sentAt, TimeZoneInfo zone)
    {
        var sentLocal = TimeZoneInfo.ConvertTime(sentAt, zone);
        var day = Day().SafeMatch(text);
        if (day is not null && day.Groups["n"].Success)
        {
            return sentAt + Amount(day.Groups["n"].Value, day.Groups["unit"].Value);
        }
        var time = TimeOfDay(text);
        DateTime date;
        if (day is not null)
        {
            var resolved = DateOf(day, sentLocal, zone);
            if (resolved is null)
            {
                return null;
            }
            date = resolved.Value;
        }
        else if (time is not null)
        {
            date = sentLocal.Date;
            if (date + time.Value < sentLocal.DateTime)
            {
                // "by 9:00" written at 14:00 means tomorrow morning.
                date = date.AddDays(1);
            }
        }
        else
        {
            return null;
        }
        return AtLocal(date + (time ?? EndOfDay), zone);
    }

    private static DateTime? DateOf(Match day, DateTimeOffset sentLocal, TimeZoneInfo zone)
    {
        var sentDate = sentLocal.Date;
        if (day.Groups["today"].Success || day.Groups["eod"].Success)
        {
            return sentDate;
        }
        if (day.Groups["tomorrow"].Success)
        {
            return sentDate.AddDays(1);
        }
        if (day.Groups["eow"].Success)
        {
            var untilFriday = ((int)DayOfWeek.Friday - (int)sentDate.DayOfWeek + 7) % 7;
            return sentDate.AddDays(sentDate.DayOfWeek == DayOfWeek.Saturday ? 6 : untilFriday);
        }
        if (day.Groups["weekday"].Success)
        {
            var target = Weekday(day.Groups["weekday"].Value);
            var ahead = ((int)target - (int)sentDate.DayOfWeek + 7) % 7;
            return sentDate.AddDays(ahead == 0 ? 7 : ahead);
        }
        int month, dayOfMonth;
        int? year = null;
        if (day.Groups["month"].Success)
        {
            month = Month(day.Groups["month"].Value);
            dayOfMonth = int.Parse(day.Groups["dom"].Value);
            year = day.Groups["year"].Success ? int.Parse(day.Groups["year"].Value) : null;
        }
        else if (day.Groups["iso"].Success)
        {
            year = int.Parse(day.Groups["iy"].Value);
            month = int.Parse(day.Groups["im"].Value);
            dayOfMonth = int.Parse(day.Groups["id"].Value);
        }
        else
        {
            var first = int.Parse(day.Groups["a"].Value);
            var second = int.Parse(day.Groups["b"].Value);
            // Numeric dates follow the workspace's region: month first in the Americas, day first elsewhere.
            (month, dayOfMonth) = zone.Id.StartsWith("America/", StringComparison.Ordinal) || zone.Id.StartsWith("US/", StringComparison.Ordinal)
                ? (first, second)
                : (second, first);
            if (day.Groups["y"].Success)
            {
                var y = int.Parse(day.Groups["y"].Value);
                year = y < 100 ? 2000 + y : y;
            }
        }
        if (month is < 1 or > 12 || dayOfMonth < 1)
        {
            return null;
        }
        var candidateYear = year ?? sentDate.Year;
        if (candidateYear is < 1 or > 9998 || dayOfMonth > DateTime.DaysInMonth(candidateYear, month))
        {
            return null;
        }
        var candidate = new DateTime(candidateYear, month, dayOfMonth);
        if (year is null && candidate < sentDate.AddDays(-7))
        {
            candidate = candidate.AddYears(1);
        }
        return candidate;
    }

    private static TimeSpan? TimeOfDay(string text)
    {
        if (Clock().SafeMatch(text) is not { } clock)
        {
            return null;
        }
        if (clock.Groups["noon"].Success)
        {
            return TimeSpan.FromHours(12);
        }
        var hour = int.Parse(clock.Groups["h"].Value);
        var minute = clock.Groups["m"].Success ? int.Parse(clock.Groups["m"].Value) : 0;
        if (hour > 23 || minute > 59)
        {
            return null;
        }
        var ampm = clock.Groups["ampm"].Value.ToLowerInvariant().Replace(".", "", StringComparison.Ordinal);
        if (ampm == "pm" && hour < 12)
        {
            hour += 12;
        }
        else if (ampm == "am" && hour == 12)
        {
            hour = 0;
        }
        else if (ampm.Length == 0 && hour is >= 1 and <= 6)
        {
            // "by 4:30" in a working day is the afternoon.
            hour += 12;
        }
        return new TimeSpan(hour, minute, 0);
    }

    private static DateTimeOffset AtLocal(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    private static TimeSpan Amount(string number, string unit)
    {
        var n = number.ToLowerInvariant() switch
        {
            "a" or "an" or "one" => 1d,
            "half an" => 0.5,
            "two" => 2, "three" => 3, "four" => 4, "five" => 5, "six" => 6,
            "seven" => 7, "eight" => 8, "nine" => 9, "ten" => 10, "twelve" => 12,
            var digits => double.Parse(digits),
        };
        var u = unit.ToLowerInvariant();
        if (u.StartsWith('h'))
        {
            return TimeSpan.FromHours(n);
        }
        return u.StartsWith('m') ? TimeSpan.FromMinutes(n) : TimeSpan.FromDays(n);
    }

    private static DayOfWeek Weekday(string name) => name.ToLowerInvariant()[..2] switch
    {
        "mo" => DayOfWeek.Monday,
        "tu" => DayOfWeek.Tuesday,
        "we" => DayOfWeek.Wednesday,
        "th" => DayOfWeek.Thursday,
        "fr" => DayOfWeek.Friday,
        "sa" => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    private static int Month(string name) => name.ToLowerInvariant()[..3] switch
    {
        "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6,
        "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, _ => 12,
    };

    [GeneratedRegex(
        @"\b(?:(?<eod>EOD|COB|EOB|close of (?:business|play)|end of (?:the )?(?:business |working )?day)" +
        @"|(?<tomorrow>tomorrow)" +
        @"|(?<today>today|tonight|this (?:morning|afternoon|evening))" +
        @"|(?<eow>end of (?:the |this )?(?:work(?:ing)? )?week|EOW)" +
        @"|(?:in|within)\s+(?:the\s+next\s+)?(?<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half an)\s*(?<unit>hours?|hrs?|days?|minutes?|mins?)" +
        @"|(?:next\s+|this\s+)?(?<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri)" +
        @"|(?<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?<dom>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<year>\d{4}))?" +
        @"|(?<iso>(?<iy>\d{4})-(?<im>\d{2})-(?<id>\d{2}))" +
        @"|(?<a>\d{1,2})/(?<b>\d{1,2})(?:/(?<y>\d{4}|\d{2}))?" +
        @")\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Day();

    [GeneratedRegex(
        @"\b(?:(?<h>\d{1,2})(?::(?<m>[0-5]\d))?\s*(?<ampm>am|pm|a\.m\.|p\.m\.)(?![a-z])|(?:by|at|before|until|around)\s+(?<h>\d{1,2}):(?<m>[0-5]\d)\b|(?<noon>noon|midday))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Clock();
}
