using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace OpsHelm.Connectors.Tests.Graph.Fake;

/// <summary>The calendar half of the fake: <c>calendarView</c> (startDateTime/endDateTime required) and <c>events</c> with a lastModifiedDateTime filter.</summary>
public sealed class FakeGraphCalendar(FakeGraphServer server)
{
    private readonly Lock _gate = new();
    private readonly List<(string Mailbox, JsonObject Event)> _events = [];

    /// <summary>Adds an event to a mailbox's calendar.</summary>
    public void Add(string mailbox, JsonObject calendarEvent)
    {
        lock (_gate)
        {
            _events.Add((mailbox, calendarEvent));
        }
    }

    internal async Task<bool> HandleAsync(HttpContext context, FakeRequest request)
    {
        if (request.Method != "GET" || request.Segments.Length != 3)
        {
            return false;
        }
        var mailbox = request.Segments[1];
        List<JsonObject> matching;
        lock (_gate)
        {
            matching = _events.Where(e => e.Mailbox.Equals(mailbox, StringComparison.OrdinalIgnoreCase)).Select(e => e.Event).ToList();
        }
        if (request.Segments[2] == "calendarView")
        {
            if (request.Q("startDateTime") is not { } start || request.Q("endDateTime") is not { } end)
            {
                await FakeGraphServer.ErrorAsync(context, 400, "ErrorInvalidParameter", "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
                return true;
            }
            var from = DateTimeOffset.Parse(start, CultureInfo.InvariantCulture);
            var to = DateTimeOffset.Parse(end, CultureInfo.InvariantCulture);
            matching = matching.Where(e => Time(e, "start") < to && Time(e, "end") > from).ToList();
        }
        else if (FakeGraphServer.FilterDate(request.Q("$filter"), "lastModifiedDateTime", "ge") is { } modifiedSince)
        {
            matching = matching.Where(e => DateTimeOffset.Parse((string)e["lastModifiedDateTime"]!, CultureInfo.InvariantCulture) >= modifiedSince).ToList();
        }
        var skip = request.Q("$skip") is { } k ? int.Parse(k, CultureInfo.InvariantCulture) : 0;
        var size = FakeGraphServer.PageSize(request);
        var value = new JsonArray(matching.Skip(skip).Take(size).Select(e => (JsonNode)FakeGraphServer.PreferredBody(FakeGraphServer.Project(e, request.Q("$select")), request)).ToArray());
        var body = new JsonObject { ["value"] = value };
        if (skip + size < matching.Count)
        {
            var query = string.Join('&', request.Query.Where(q => q.Key != "$skip").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));
            body["@odata.nextLink"] = $"{server.BaseUrl}{request.Path}?{query}&$skip={skip + size}";
        }
        await FakeGraphServer.JsonAsync(context, 200, body);
        return true;
    }

    // Event times are {dateTime, timeZone}; the fake's events are all in UTC.
    private static DateTimeOffset Time(JsonObject calendarEvent, string name) =>
        new(DateTime.SpecifyKind(DateTime.Parse((string)calendarEvent[name]!["dateTime"]!, CultureInfo.InvariantCulture), DateTimeKind.Utc));
}
