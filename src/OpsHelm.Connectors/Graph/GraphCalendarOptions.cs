namespace OpsHelm.Connectors.Graph;

/// <summary>Which calendar events are read: an upcoming window and the recently modified ones.</summary>
public sealed class GraphCalendarOptions
{
    /// <summary>Days ahead of now the upcoming window reaches.</summary>
    public int UpcomingDays { get; set; } = 14;

    /// <summary>Days back the upcoming window starts (today's meetings that already began included).</summary>
    public int PastDays { get; set; } = 1;

    /// <summary>Days back a first run looks for modified events; later runs look from their last checkpoint.</summary>
    public int RecentlyModifiedDays { get; set; } = 7;

    /// <summary>Events per page.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Events read per mailbox and run at most.</summary>
    public int MaxEvents { get; set; } = 2000;

    /// <summary>What is wrong with the settings, one line per problem; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (UpcomingDays is < 0 or > 366)
        {
            problems.Add($"Calendar.{nameof(UpcomingDays)} must be between 0 and 366 (is {UpcomingDays})");
        }
        if (PastDays is < 0 or > 366)
        {
            problems.Add($"Calendar.{nameof(PastDays)} must be between 0 and 366 (is {PastDays})");
        }
        if (RecentlyModifiedDays is < 1 or > 366)
        {
            problems.Add($"Calendar.{nameof(RecentlyModifiedDays)} must be between 1 and 366 (is {RecentlyModifiedDays})");
        }
        if (PageSize is < 1 or > 1000)
        {
            problems.Add($"Calendar.{nameof(PageSize)} must be between 1 and 1000 (is {PageSize})");
        }
        if (MaxEvents < 1)
        {
            problems.Add($"Calendar.{nameof(MaxEvents)} must be positive (is {MaxEvents})");
        }
        return problems;
    }
}
