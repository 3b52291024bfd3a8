using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Extraction;

/// <summary>
/// Reads the due instant of a date/time expression as English is written in the US, UK, Ireland, Australia and India,
/// in the workspace time zone relative to the sent time (DESIGN §6): a date without a time is 17:00 that day;
/// EOD/COB/EOP/end of day/end of play 17:00 the same day; tomorrow 17:00 the next day; a weekday the next such day
/// strictly after the sent date; end of (the) week that week's Friday; "in/within N hours/days" the sent time plus N;
/// an explicit time ("by 3pm", "at 10:30", "16:30") sets the hour, and alone, once passed on the sent day, means the
/// next day; a day of the month alone ("by the 4th") the next such date; numeric dates month first in America/*, day
/// first elsewhere. Parts of the day ("this afternoon", "first thing") and "by/before/no later than/at" do not change
/// the day or hour. Anything vaguer has no due date.
/// </summary>
public static partial class DueDateReader
{
    // A due date is stated next to its promise; a longer text is read only this far, so the cost has a fixed bound.
    private const int MaxChars = 600;

    // With the input capped, the match cost is bounded by the text, not the timeout; a longer timeout keeps a busy
    // machine's scheduling pauses from turning a stated due date into none.
    private const int TimeoutMilliseconds = 1_000;

    private static readonly TimeSpan EndOfDay = TimeSpan.FromHours(17);
    private static readonly TimeSpan Noon = TimeSpan.FromHours(12);

    // Running every part once here keeps their first compiles out of a real match's timeout.
    static DueDateReader() => _ = Matches("by Thursday 3 December at 9:30am, 04/12, EOD, in 2 hours, the 4th, noon", (1 << Parts.Length) - 1).Count();

    /// <summary>The due instant <paramref name="text"/> states and the words that decided it, or null.</summary>
    public static (DateTimeOffset Due, string Evidence)? Read(string text, DateTimeOffset sentAt, TimeZoneInfo zone)
    {
        if (text.Length > MaxChars)
        {
            text = text[..MaxChars];
        }
        var runnable = Runnable(text);
        if (runnable == 0)
        {
            return null;
        }
        var sentLocal = TimeZoneInfo.ConvertTime(sentAt, zone);
        DateTime? date = null;
        TimeSpan? time = null;
        var timeRolls = false;
        var words = new List<string>(2);
        foreach (var match in Matches(text, runnable))
        {
            if (date is null && time is null && match.Groups["n"].Success)
            {
                return Duration(match, sentAt, zone) is { } due ? (due, $"due '{match.Value.Trim()}'") : null;
            }
            if (date is null && DateOf(match, sentLocal.DateTime, zone) is { } day)
            {
                date = day;
                words.Add(match.Value.Trim());
                if (match.Groups["eodword"].Success && time is null)
                {
                    time = EndOfDay;
                }
                else if (match.Groups["morning"].Success && time is null)
                {
                    // A morning is over by noon: "later this morning", "tomorrow morning".
                    time = Noon;
                }
            }
            else if (time is null && TimeOf(match) is { } clock)
            {
                time = clock.Time;
                timeRolls = clock.Rolls;
                words.Add(match.Value.Trim());
            }
            if (date is not null && time is not null)
            {
                break;
            }
        }
        if (date is null && time is null)
        {
            return null;
        }
        var resolvedDate = date ?? sentLocal.Date;
        if (date is null && timeRolls && resolvedDate + time!.Value < sentLocal.DateTime)
        {
            // "by 9:00" written at 14:00 means tomorrow morning.
            resolvedDate = resolvedDate.AddDays(1);
        }
        return (AtLocal(resolvedDate + (time ?? EndOfDay), zone), $"due '{string.Join(" … ", words)}'");
    }

    private static DateTime? DateOf(Match match, DateTime sentLocal, TimeZoneInfo zone)
    {
        var sentDate = sentLocal.Date;
        var g = match.Groups;
        if (g["today"].Success || g["eodword"].Success)
        {
            return sentDate;
        }
        if (g["tomorrow"].Success)
        {
            return sentDate.AddDays(1);
        }
        if (g["overmorrow"].Success)
        {
            return sentDate.AddDays(2);
        }
        if (g["eow"].Success)
        {
            var friday = sentDate.AddDays(((int)DayOfWeek.Friday - (int)sentDate.DayOfWeek + 7) % 7);
            if (sentDate.DayOfWeek == DayOfWeek.Saturday)
            {
                friday = sentDate.AddDays(6);
            }
            return g["nextweek"].Success ? friday.AddDays(7) : friday;
        }
        if (g["eom"].Success)
        {
            return new DateTime(sentDate.Year, sentDate.Month, DateTime.DaysInMonth(sentDate.Year, sentDate.Month));
        }
        if (g["weekday"].Success)
        {
            var target = DayOfWeekNamed(g["weekday"].Value);
            var ahead = ((int)target - (int)sentDate.DayOfWeek + 7) % 7;
            return sentDate.AddDays(ahead == 0 ? 7 : ahead);
        }
        if (g["ord"].Success)
        {
            var dayOfMonth = int.Parse(g["ord"].Value, CultureInfo.InvariantCulture);
            if (dayOfMonth is < 1 or > 31)
            {
                return null;
            }
            // The next such date strictly after the sent date, skipping months too short for it.
            var month = new DateTime(sentDate.Year, sentDate.Month, 1);
            for (var i = 0; i < 13; i++, month = month.AddMonths(1))
            {
                if (dayOfMonth <= DateTime.DaysInMonth(month.Year, month.Month) && month.AddDays(dayOfMonth - 1) > sentDate)
                {
                    return month.AddDays(dayOfMonth - 1);
                }
            }
            return null;
        }
        int m, d;
        int? year = null;
        if (g["mon"].Success)
        {
            m = Month(g["mon"].Value);
            d = int.Parse(g["dom"].Value, CultureInfo.InvariantCulture);
            year = g["yr"].Success ? int.Parse(g["yr"].Value, CultureInfo.InvariantCulture) : null;
        }
        else if (g["iy"].Success)
        {
            year = int.Parse(g["iy"].Value, CultureInfo.InvariantCulture);
            m = int.Parse(g["im"].Value, CultureInfo.InvariantCulture);
            d = int.Parse(g["id"].Value, CultureInfo.InvariantCulture);
        }
        else if (g["a"].Success)
        {
            var first = int.Parse(g["a"].Value, CultureInfo.InvariantCulture);
            var second = int.Parse(g["b"].Value, CultureInfo.InvariantCulture);
            (m, d) = MonthFirst(zone) ? (first, second) : (second, first);
            if (g["y"].Success)
            {
                var y = int.Parse(g["y"].Value, CultureInfo.InvariantCulture);
                year = y < 100 ? 2000 + y : y;
            }
        }
        else
        {
            return null;
        }
        if (m is < 1 or > 12 || d < 1)
        {
            return null;
        }
        var candidateYear = year ?? sentDate.Year;
        if (candidateYear is < 1 or > 9998 || d > DateTime.DaysInMonth(candidateYear, m))
        {
            return null;
        }
        var candidate = new DateTime(candidateYear, m, d);
        if (year is null && candidate < sentDate.AddDays(-7))
        {
            // "by 5 January" written in December is next year's.
            candidate = candidate.AddYears(1);
            if (d > DateTime.DaysInMonth(candidate.Year, m))
            {
                return null;
            }
        }
        return candidate;
    }

    private static (TimeSpan Time, bool Rolls)? TimeOf(Match match)
    {
        var g = match.Groups;
        if (g["eod"].Success)
        {
            return (EndOfDay, false);
        }
        if (g["noon"].Success)
        {
            return (Noon, true);
        }
        if (g["midnight"].Success)
        {
            return (TimeSpan.Zero, true);
        }
        if (!g["h"].Success)
        {
            return null;
        }
        var hour = int.Parse(g["h"].Value, CultureInfo.InvariantCulture);
        var minute = g["m"].Success ? int.Parse(g["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (hour > 23 || minute > 59)
        {
            return null;
        }
        var ampm = g["ampm"].Value.ToLowerInvariant().Replace(".", "", StringComparison.Ordinal);
        if (ampm.Length > 0)
        {
            if (hour is 0 or > 12)
            {
                return null;
            }
            hour = ampm == "pm" ? hour % 12 + 12 : hour % 12;
        }
        else if (g["h"].Value.Length == 1 && hour is >= 1 and <= 6)
        {
            // "by 4" or "at 4:30" in a working day is the afternoon; 24-hour "04:30" keeps its leading zero.
            hour += 12;
        }
        return (new TimeSpan(hour, minute, 0), true);
    }

    private static DateTimeOffset? Duration(Match match, DateTimeOffset sentAt, TimeZoneInfo zone)
    {
        var n = match.Groups["n"].Value.ToLowerInvariant() switch
        {
            "a" or "an" or "one" => 1d,
            "half an" or "half a" => 0.5,
            "a couple of" or "couple of" or "two" => 2,
            "three" => 3, "four" => 4, "five" => 5, "six" => 6, "seven" => 7, "eight" => 8, "nine" => 9, "ten" => 10,
            "twelve" => 12, "twenty-four" or "twenty four" => 24, "forty-eight" or "forty eight" => 48,
            var digits => double.Parse(digits, CultureInfo.InvariantCulture),
        };
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        if (unit.StartsWith('h'))
        {
            return TimeZoneInfo.ConvertTime(sentAt + TimeSpan.FromHours(n), zone);
        }
        if (unit.StartsWith('m'))
        {
            return TimeZoneInfo.ConvertTime(sentAt + TimeSpan.FromMinutes(n), zone);
        }
        // Days and weeks keep the wall-clock time, so a DST change in between does not move the hour.
        var local = TimeZoneInfo.ConvertTime(sentAt, zone).DateTime;
        if (match.Groups["working"].Success)
        {
            var days = (int)Math.Ceiling(n);
            for (var added = 0; added < days;)
            {
                local = local.AddDays(1);
                if (local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    added++;
                }
            }
            return AtLocal(local, zone);
        }
        var factor = unit.StartsWith('w') ? 7 : 1;
        return AtLocal(local.AddHours(24 * n * factor), zone);
    }

    /// <summary>Month first in the Americas' convention (America/*, US/*), day first elsewhere.</summary>
    private static bool MonthFirst(TimeZoneInfo zone) =>
        zone.Id.StartsWith("America/", StringComparison.Ordinal) || zone.Id.StartsWith("US/", StringComparison.Ordinal);

    /// <summary>A local wall-clock time as an instant: a time in a DST gap moves on by the gap; an ambiguous one is its first occurrence.</summary>
    private static DateTimeOffset AtLocal(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        if (zone.IsAmbiguousTime(unspecified))
        {
            return new DateTimeOffset(unspecified, zone.GetAmbiguousTimeOffsets(unspecified).Max());
        }
        return new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified));
    }

    private static DayOfWeek DayOfWeekNamed(string name) => name.ToLowerInvariant()[..2] switch
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

    private const string MonthName = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private const string DayName = @"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu(?:rs?)?|fri)";

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // The expression's alternatives, in order, in seven patterns: as one pattern its matcher grew past what the JIT
    // optimizes and ran unoptimized. Matches() takes the leftmost match of any part, the earlier part at the same place,
    // which is what the alternation did. Every alternative is a fixed sequence of bounded parts, so nothing backtracks far.
    // With each part, what every one of its alternatives holds (as written in ASCII): a part whose text lacks it is not run,
    // which skips most parts of most clauses.
    private static readonly Part[] Parts =
    [
        new(Duration(), NeedsDigit: false, AnyOf(["hour", "hr", "day", "week", "min"])),
        new(DayWord(), NeedsDigit: false, AnyOf(["eod", "cob", "eob", "eop", "close of", "end of", "eow", "eom", "tomorrow", "tmrw", "tmw",
            "morning", "today", "tonight", "afternoon", "evening"])),
        new(NamedDate(), NeedsDigit: true, AnyOf(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])),
        new(NumericDate(), NeedsDigit: true, AnyOf(["/", "-", "."])),
        new(Weekday(), NeedsDigit: false, AnyOf(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])),
        new(Clock(), NeedsDigit: true, null),
        new(NamedTime(), NeedsDigit: false, AnyOf(["noon", "midday", "lunchtime", "midnight", "the"])),
    ];

    private sealed record Part(Regex Expression, bool NeedsDigit, SearchValues<string>? Words)
    {
        public bool CanMatch(string text, bool hasDigit) => (hasDigit || !NeedsDigit) && (Words is null || text.AsSpan().ContainsAny(Words));
    }

    private static SearchValues<string> AnyOf(string[] words) => SearchValues.Create(words, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(
        @"\b(?:in|within)\s+(?:the\s+next\s+)?(?<n>\d{1,3}(?:\.5)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty[- ]four|forty[- ]eight|half an?|(?:a\s+)?couple of)\s*(?:more\s+)?(?<working>(?:working|business)\s+)?(?<unit>hours?|hrs?|days?|weeks?|minutes?|mins?)\b",
        Options, TimeoutMilliseconds)]
    private static partial Regex Duration();

    [GeneratedRegex(
        @"\b(?:" +
        @"(?<eodword>(?:EOD|COB|EOB|EOP|close of (?:business|play)|end of (?:the )?(?:business |working )?(?:day|play))\s+today)" +
        @"|(?<eod>EOD|COB|EOB|EOP|close of (?:business|play)|end of (?:the )?(?:business |working )?(?:day|play))" +
        @"|(?<eow>end of (?:the |this )?(?<nextweek>next )?(?:work(?:ing)? )?week|EOW)" +
        @"|(?<eom>end of (?:the |this )?month|EOM)" +
        @"|(?<overmorrow>(?:the )?day after tomorrow)" +
        @"|(?<tomorrow>tomorrow|tmrw|tmw)(?<morning>\s+morning)?" +
        @"|(?<today>(?:later\s+)?this\s+(?<morning>morning)|today|tonight|this (?:afternoon|evening)|later (?:today|this (?:afternoon|evening)))" +
        @")",
        Options, TimeoutMilliseconds)]
    private static partial Regex DayWord();

    [GeneratedRegex(
        @"\b(?:" +
        @"(?:" + DayName + @",?\s+(?:the\s+)?)?(?<dom>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?<mon>" + MonthName + @")\.?(?:,?\s+(?<yr>\d{4}))?\b" +
        @"|(?:" + DayName + @",?\s+)?(?<mon>" + MonthName + @")\.?\s+(?:the\s+)?(?<dom>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<yr>\d{4}))?\b" +
        @")",
        Options, TimeoutMilliseconds)]
    private static partial Regex NamedDate();

    [GeneratedRegex(
        @"\b(?:" +
        @"(?<iy>\d{4})-(?<im>\d{2})-(?<id>\d{2})" +
        @"|(?:" + DayName + @",?\s+)?(?<a>\d{1,2})/(?<b>\d{1,2})(?:/(?<y>\d{4}|\d{2}))?\b" +
        @"|(?<a>\d{1,2})[.-](?<b>\d{1,2})[.-](?<y>\d{4})\b" +
        @")",
        Options, TimeoutMilliseconds)]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"\b(?<weekday>" + DayName + @")\b(?<morning>\s+morning\b)?", Options, TimeoutMilliseconds)]
    private static partial Regex Weekday();

    [GeneratedRegex(
        @"\b(?:" +
        @"(?<h>\d{1,2})(?:[:.](?<m>[0-5]\d))?\s*(?<ampm>am|pm|a\.m\.|p\.m\.)" +
        @"|(?<h>[01]?\d|2[0-3]):(?<m>[0-5]\d)\b" +
        @"|(?<h>[01]\d|2[0-3])(?<m>[0-5]\d)\s*(?:hrs|hours|h)\b" +
        @"|(?:by|at|before|until|till|around|from|after)\s+(?<h>\d{1,2})(?:[.](?<m>[0-5]\d))?(?:\s*o'?clock)?(?![\d/:.]|\s*(?:am|pm|a\.m|p\.m|st|nd|rd|th|%|of|" + MonthName + @"|days?|weeks?|hours?|hrs?|mins?|minutes?|months?|years?|people|users|laptops|pcs|machines)\b)" +
        @")",
        Options, TimeoutMilliseconds)]
    private static partial Regex Clock();

    [GeneratedRegex(
        @"\b(?:" +
        @"(?<noon>noon|midday|lunchtime)" +
        @"|(?<midnight>midnight)" +
        @"|(?:on\s+)?the\s+(?<ord>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:floor|time|party|line|year|week|attempt|one|item|place|quarter|century|generation))" +
        @")",
        Options, TimeoutMilliseconds)]
    private static partial Regex NamedTime();

    /// <summary>One bit for each part that can match <paramref name="text"/>; none, and the text states no due date.</summary>
    private static int Runnable(string text)
    {
        var hasDigit = text.AsSpan().ContainsAnyInRange('0', '9');
        var runnable = 0;
        for (var i = 0; i < Parts.Length; i++)
        {
            if (Parts[i].CanMatch(text, hasDigit))
            {
                runnable |= 1 << i;
            }
        }
        return runnable;
    }

    /// <summary>The expression's matches left to right, none overlapping: at each place the first part that matches wins.</summary>
    private static IEnumerable<Match> Matches(string text, int runnable)
    {
        var next = new Match?[Parts.Length];
        for (var i = 0; i < Parts.Length; i++)
        {
            if ((runnable & (1 << i)) == 0)
            {
                next[i] = Match.Empty;
            }
        }
        var at = 0;
        while (at < text.Length)
        {
            Match? first = null;
            for (var i = 0; i < Parts.Length; i++)
            {
                if (next[i] is null || (next[i]!.Success && next[i]!.Index < at))
                {
                    try
                    {
                        next[i] = Parts[i].Expression.Match(text, at);
                    }
                    catch (RegexMatchTimeoutException)
                    {
                        // What was found before the timeout still counts.
                        yield break;
                    }
                }
                if (next[i]!.Success && (first is null || next[i]!.Index < first.Index))
                {
                    first = next[i];
                }
            }
            if (first is null)
            {
                yield break;
            }
            yield return first;
            at = first.Index + first.Length;
        }
    }
}
