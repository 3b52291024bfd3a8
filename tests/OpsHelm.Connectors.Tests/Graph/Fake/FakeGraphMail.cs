using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace OpsHelm.Connectors.Tests.Graph.Fake;

/// <summary>
/// The mail half of the fake: folders as append-only change logs (a message added, or removed), delta rounds over them
/// with $skiptoken / $deltatoken state tokens, message and attachment reads, and the message list used by reconciliation.
/// </summary>
public sealed partial class FakeGraphMail(FakeGraphServer server)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, FakeFolder> _folders = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DeltaCursor> _tokens = [];
    private readonly Dictionary<string, List<JsonObject>> _attachments = [];

    /// <summary>Adds a folder (a well-known name such as inbox, or a display name resolved through $filter).</summary>
    public void AddFolder(string mailbox, string name)
    {
        lock (_gate)
        {
            var key = Key(mailbox, name);
            if (!_folders.ContainsKey(key))
            {
                _folders[key] = new FakeFolder(mailbox, name, "AAMkAD" + Convert.ToHexString(Guid.NewGuid().ToByteArray()) + "AAAEMAAA" + new string('A', 20));
            }
        }
    }

    /// <summary>Adds a message to a folder (creating it); its parentFolderId is set.</summary>
    public void Add(string mailbox, string folder, JsonObject message)
    {
        AddFolder(mailbox, folder);
        lock (_gate)
        {
            var f = _folders[Key(mailbox, folder)];
            message["parentFolderId"] = f.Id;
            f.Log.Add(message);
        }
    }

    /// <summary>The stored message <paramref name="id"/> of a folder, to change before it is read.</summary>
    public JsonObject Find(string mailbox, string folder, string id)
    {
        lock (_gate)
        {
            return _folders[Key(mailbox, folder)].Log.Single(m => (string?)m["id"] == id);
        }
    }

    /// <summary>Records the removal of a message, as the next delta round reports it.</summary>
    public void Remove(string mailbox, string folder, string id)
    {
        lock (_gate)
        {
            _folders[Key(mailbox, folder)].Log.Add(new JsonObject { ["id"] = id, ["@removed"] = new JsonObject { ["reason"] = "deleted" } });
        }
    }

    /// <summary>Gives a message attachments (file ones with contentBytes).</summary>
    public void AddAttachments(string messageId, params JsonObject[] attachments)
    {
        lock (_gate)
        {
            _attachments[messageId] = [.. attachments];
        }
    }

    /// <summary>Makes every delta and skip token issued so far for the folder invalid (Graph's cache dropped them).</summary>
    public void ExpireDeltaTokens(string mailbox, string folder)
    {
        lock (_gate)
        {
            _folders[Key(mailbox, folder)].Generation++;
        }
    }

    /// <summary>The last @odata.deltaLink the fake issued for a folder.</summary>
    public string? LastDeltaLink(string mailbox, string folder)
    {
        lock (_gate)
        {
            return _folders[Key(mailbox, folder)].LastDeltaLink;
        }
    }

    /// <summary>The Graph id of a folder.</summary>
    public string FolderId(string mailbox, string folder)
    {
        lock (_gate)
        {
            return _folders[Key(mailbox, folder)].Id;
        }
    }

    internal async Task<bool> HandleAsync(HttpContext context, FakeRequest request)
    {
        var s = request.Segments;
        if (request.Method != "GET")
        {
            return false;
        }
        var mailbox = s[1];
        if (s.Length == 6 && s[2] == "mailFolders" && s[4] == "messages" && DeltaSegment().IsMatch(s[5]))
        {
            await DeltaAsync(context, request, mailbox, s[3]);
            return true;
        }
        if (s.Length == 5 && s[2] == "mailFolders" && s[4] == "messages")
        {
            await ListAsync(context, request, mailbox, s[3]);
            return true;
        }
        if (s.Length == 3 && s[2] == "mailFolders")
        {
            await FindFolderAsync(context, request, mailbox);
            return true;
        }
        if (s.Length == 4 && s[2] == "mailFolders")
        {
            var folder = Folder(mailbox, s[3]);
            await (folder is null
                ? FakeGraphServer.ErrorAsync(context, 404, "ErrorItemNotFound", "The specified object was not found in the store.")
                : FakeGraphServer.JsonAsync(context, 200, new JsonObject { ["id"] = folder.Id, ["displayName"] = folder.Name }));
            return true;
        }
        if (s.Length == 4 && s[2] == "messages")
        {
            var message = FindMessage(mailbox, s[3]);
            await (message is null
                ? FakeGraphServer.ErrorAsync(context, 404, "ErrorItemNotFound", "The specified object was not found in the store.")
                : FakeGraphServer.JsonAsync(context, 200, Shape(message, request)));
            return true;
        }
        if (s.Length == 5 && s[2] == "messages" && s[4] == "attachments")
        {
            List<JsonObject> list;
            lock (_gate)
            {
                list = _attachments.TryGetValue(s[3], out var found) ? found : [];
            }
            var value = new JsonArray(list.Select(a => (JsonNode)FakeGraphServer.Project(a, request.Q("$select"))).ToArray());
            await FakeGraphServer.JsonAsync(context, 200, new JsonObject { ["value"] = value });
            return true;
        }
        if (s.Length == 7 && s[2] == "messages" && s[4] == "attachments" && s[6] == "$value")
        {
            JsonObject? attachment;
            lock (_gate)
            {
                attachment = _attachments.TryGetValue(s[3], out var found) ? found.FirstOrDefault(a => (string?)a["id"] == s[5]) : null;
            }
            if (attachment?["contentBytes"] is null)
            {
                await FakeGraphServer.ErrorAsync(context, 404, "ErrorItemNotFound", "The attachment was not found.");
                return true;
            }
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(Convert.FromBase64String((string)attachment["contentBytes"]!));
            return true;
        }
        return false;
    }

    private async Task DeltaAsync(HttpContext context, FakeRequest request, string mailbox, string folderSegment)
    {
        var folder = Folder(mailbox, folderSegment);
        if (folder is null)
        {
            await FakeGraphServer.ErrorAsync(context, 404, "ErrorInvalidIdMalformed", "Id is malformed.");
            return;
        }
        DeltaCursor cursor;
        var token = request.Q("$deltatoken") ?? request.Q("$skiptoken");
        lock (_gate)
        {
            if (token is null)
            {
                cursor = new DeltaCursor(0, FakeGraphServer.FilterDate(request.Q("$filter"), "receivedDateTime", "ge"), request.Q("$select"), folder.Generation, Initial: true);
            }
            else if (!_tokens.TryGetValue(token, out cursor!) || cursor.Generation != folder.Generation)
            {
                cursor = null!;
            }
        }
        if (cursor is null)
        {
            // Graph answers an expired or unknown state token with 410 Gone.
            await FakeGraphServer.ErrorAsync(context, 410, "SyncStateNotFound", "The sync state generation is not found. The delta token is expired and data must be synchronized again.");
            return;
        }
        var size = FakeGraphServer.PageSize(request);
        var page = new JsonArray();
        int index;
        bool more;
        lock (_gate)
        {
            index = cursor.Index;
            while (index < folder.Log.Count && page.Count < size)
            {
                var entry = folder.Log[index++];
                if (Matches(entry, cursor))
                {
                    page.Add(entry.ContainsKey("@removed") ? entry.DeepClone() : Shape(entry, request, cursor.Select));
                }
            }
            more = folder.Log.Skip(index).Any(e => Matches(e, cursor));
        }
        var body = new JsonObject { ["@odata.context"] = $"{server.BaseUrl}/$metadata#Collection(message)", ["value"] = page };
        var baseLink = $"{server.BaseUrl}/users/{Uri.EscapeDataString(mailbox)}/mailFolders/{Uri.EscapeDataString(folderSegment)}/messages/delta";
        if (more)
        {
            body["@odata.nextLink"] = $"{baseLink}?$skiptoken={Issue(cursor with { Index = index })}";
        }
        else
        {
            var deltaLink = $"{baseLink}?$deltatoken={Issue(cursor with { Index = folder.Log.Count, Initial = false })}";
            body["@odata.deltaLink"] = deltaLink;
            lock (_gate)
            {
                folder.LastDeltaLink = deltaLink;
            }
        }
        await FakeGraphServer.JsonAsync(context, 200, body);
    }

    private async Task ListAsync(HttpContext context, FakeRequest request, string mailbox, string folderSegment)
    {
        var folder = Folder(mailbox, folderSegment);
        if (folder is null)
        {
            await FakeGraphServer.ErrorAsync(context, 404, "ErrorInvalidIdMalformed", "Id is malformed.");
            return;
        }
        var from = FakeGraphServer.FilterDate(request.Q("$filter"), "receivedDateTime", "ge");
        var to = FakeGraphServer.FilterDate(request.Q("$filter"), "receivedDateTime", "lt");
        List<JsonObject> matching;
        lock (_gate)
        {
            var removed = folder.Log.Where(e => e.ContainsKey("@removed")).Select(e => (string?)e["id"]).ToHashSet();
            matching = folder.Log.Where(e => !e.ContainsKey("@removed") && !removed.Contains((string?)e["id"]))
                .Where(e => Received(e) is { } at && (from is null || at >= from) && (to is null || at < to)).ToList();
        }
        var skip = request.Q("$skip") is { } k ? int.Parse(k, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var size = FakeGraphServer.PageSize(request);
        var value = new JsonArray(matching.Skip(skip).Take(size).Select(m => (JsonNode)FakeGraphServer.Project(m, request.Q("$select"))).ToArray());
        var body = new JsonObject { ["value"] = value };
        if (skip + size < matching.Count)
        {
            var query = string.Join('&', request.Query.Where(q => q.Key != "$skip").Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value)}"));
            body["@odata.nextLink"] = $"{server.BaseUrl}/users/{Uri.EscapeDataString(mailbox)}/mailFolders/{Uri.EscapeDataString(folderSegment)}/messages?{query}&$skip={skip + size}";
        }
        await FakeGraphServer.JsonAsync(context, 200, body);
    }

    private async Task FindFolderAsync(HttpContext context, FakeRequest request, string mailbox)
    {
        var name = Regex.Match(request.Q("$filter") ?? "", "displayName eq '(.*)'").Groups[1].Value.Replace("''", "'", StringComparison.Ordinal);
        var folder = Folder(mailbox, name);
        var value = new JsonArray();
        if (folder is not null)
        {
            value.Add(new JsonObject { ["id"] = folder.Id, ["displayName"] = folder.Name });
        }
        await FakeGraphServer.JsonAsync(context, 200, new JsonObject { ["value"] = value });
    }

    private static bool Matches(JsonObject entry, DeltaCursor cursor)
    {
        if (entry.ContainsKey("@removed"))
        {
            // An initial round lists what exists; removals come only in later rounds.
            return !cursor.Initial;
        }
        return cursor.From is null || Received(entry) is { } at && at >= cursor.From;
    }

    private static DateTimeOffset? Received(JsonObject message) =>
        message["receivedDateTime"] is { } value ? DateTimeOffset.Parse((string)value!, System.Globalization.CultureInfo.InvariantCulture) : null;

    // The message as Graph would send it: selected properties, and the body as text when Prefer asks for it.
    private static JsonObject Shape(JsonObject message, FakeRequest request, string? select = null)
    {
        var shaped = FakeGraphServer.Project(message, select ?? request.Q("$select"));
        shaped.Remove("omitHeadersInDelta");
        FakeGraphServer.PreferredBody(shaped, request);
        if (request.IsDelta() && message["omitHeadersInDelta"] is not null)
        {
            shaped.Remove("internetMessageHeaders");
        }
        return shaped;
    }

    private JsonObject? FindMessage(string mailbox, string id)
    {
        lock (_gate)
        {
            return _folders.Values.Where(f => f.Mailbox.Equals(mailbox, StringComparison.OrdinalIgnoreCase))
                .SelectMany(f => f.Log).LastOrDefault(m => (string?)m["id"] == id && !m.ContainsKey("@removed"));
        }
    }

    private FakeFolder? Folder(string mailbox, string nameOrId)
    {
        lock (_gate)
        {
            return _folders.TryGetValue(Key(mailbox, nameOrId), out var byName)
                ? byName
                : _folders.Values.FirstOrDefault(f => f.Mailbox.Equals(mailbox, StringComparison.OrdinalIgnoreCase) && f.Id == nameOrId);
        }
    }

    private string Issue(DeltaCursor cursor)
    {
        var token = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (_gate)
        {
            _tokens[token] = cursor;
        }
        return token;
    }

    private static string Key(string mailbox, string folder) => mailbox.ToLowerInvariant() + "|" + folder.ToLowerInvariant();

    [GeneratedRegex(@"^(delta|microsoft\.graph\.delta)(\(\))?$")]
    private static partial Regex DeltaSegment();

    private sealed record FakeFolder(string Mailbox, string Name, string Id)
    {
        public List<JsonObject> Log { get; } = [];
        public int Generation { get; set; }
        public string? LastDeltaLink { get; set; }
    }

    private sealed record DeltaCursor(int Index, DateTimeOffset? From, string? Select, int Generation, bool Initial);
}
