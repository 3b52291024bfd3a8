using OpsHelm.Core.Ports;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage;

/// <summary>Turns the newest-first rows of a search (one more than a page, when there are more) into a page and its cursor.</summary>
internal static class MessagePages
{
    /// <summary>The first <paramref name="limit"/> of <paramref name="rows"/>, with a cursor when a further row exists.</summary>
    public static MessagePage Of(IReadOnlyList<EmailEvent> rows, int limit)
    {
        if (rows.Count <= limit)
        {
            return new MessagePage(rows, null);
        }
        var page = rows.Take(limit).ToList();
        return new MessagePage(page, new MessageCursor(page[^1].SentAt, page[^1].Key));
    }
}
