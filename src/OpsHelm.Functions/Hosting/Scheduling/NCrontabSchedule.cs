using System.Globalization;

namespace OpsHelm.Functions.Hosting.Scheduling;

/// <summary>
/// An Azure Functions timer schedule: six NCRONTAB fields (second minute hour day month day-of-week) of numbers, <c>*</c>,
/// ranges, lists and steps, read the same way as the Functions host reads function.json, evaluated in UTC.
/// </summary>
public sealed class NCrontabSchedule
{
    private static readonly (int Min, int Max, string Name)[] Fields =
        [(0, 59, "second"), (0, 59, "minute"), (0, 23, "hour"), (1, 31, "day"), (1, 12, "month"), (0, 6, "day-of-week")];

    private readonly bool[][] _allowed;
    private readonly bool _anyDay;
    private readonly bool _anyWeekday;

    private NCrontabSchedule(bool[][] allowed, bool anyDay, bool anyWeekday)
    {
        _allowed = allowed;
        _anyDay = anyDay;
        _anyWeekday = anyWeekday;
    }

    /// <summary>Parses <paramref name="expression"/>; throws <see cref="FormatException"/> naming the field that is wrong.</summary>
    public static NCrontabSchedule Parse(string expression)
    {
        var parts = (expression ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            throw new FormatException($"'{expression}' is not a six-field NCRONTAB schedule (second minute hour day month day-of-week).");
        }
        var allowed = new bool[6][];
        for (var i = 0; i < 6; i++)
        {
            allowed[i] = ParseField(parts[i], Fields[i].Min, Fields[i].Max, Fields[i].Name, expression!);
        }
        return new NCrontabSchedule(allowed, parts[3] == "*", parts[5] == "*");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC), within five years; null when there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        var start = after.UtcDateTime;
        start = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, start.Second, DateTimeKind.Utc).AddSeconds(1);
        for (var day = start.Date; day < start.Date.AddYears(5); day = day.AddDays(1))
        {
            if (!_allowed[4][day.Month] || !DayMatches(day))
            {
                continue;
            }
            for (var hour = 0; hour < 24; hour++)
            {
                if (!_allowed[2][hour])
                {
                    continue;
                }
                for (var minute = 0; minute < 60; minute++)
                {
                    if (!_allowed[1][minute])
                    {
                        continue;
                    }
                    for (var second = 0; second < 60; second++)
                    {
                        if (!_allowed[0][second])
                        {
                            continue;
                        }
                        var at = day.AddHours(hour).AddMinutes(minute).AddSeconds(second);
                        if (at >= start)
                        {
                            return new DateTimeOffset(at, TimeSpan.Zero);
                        }
                    }
                }
            }
        }
        return null;
    }

    // As in cron: when both day fields are restricted, either may match.
    private bool DayMatches(DateTime day)
    {
        var byDay = _allowed[3][day.Day];
        var byWeekday = _allowed[5][(int)day.DayOfWeek];
        return (_anyDay, _anyWeekday) switch
        {
            (true, true) => true,
            (true, false) => byWeekday,
            (false, true) => byDay,
            _ => byDay || byWeekday,
        };
    }

    private static bool[] ParseField(string field, int min, int max, string name, string expression)
    {
        var allowed = new bool[max + 1 + (name == "day-of-week" ? 1 : 0)];
        foreach (var part in field.Split(','))
        {
            var (range, step) = part.Split('/') switch
            {
                [var r] => (r, 1),
                [var r, var s] when int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 => (r, n),
                _ => throw Bad(field, name, expression),
            };
            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else if (range.Split('-') is [var a, var b])
            {
                (from, to) = (Number(a, min, max + (name == "day-of-week" ? 1 : 0), field, name, expression), Number(b, min, max + (name == "day-of-week" ? 1 : 0), field, name, expression));
            }
            else
            {
                from = Number(range, min, max + (name == "day-of-week" ? 1 : 0), field, name, expression);
                to = step > 1 ? max : from;
            }
            if (from > to)
            {
                throw Bad(field, name, expression);
            }
            for (var value = from; value <= to; value += step)
            {
                allowed[value] = true;
            }
        }
        if (name == "day-of-week" && allowed[7])
        {
            allowed[0] = true; // 7 is Sunday too.
        }
        return allowed;
    }

    private static int Number(string text, int min, int max, string field, string name, string expression) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Bad(field, name, expression);

    private static FormatException Bad(string field, string name, string expression) =>
        new($"'{field}' is not a valid {name} field in schedule '{expression}'.");
}
