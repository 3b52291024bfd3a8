using System.Text.RegularExpressions;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Tickets;

/// <summary>A workspace's own id patterns for a system, replacing the built-in one; the first capture group (or the whole match) is the id.</summary>
public sealed class ConfiguredTicketPattern(TicketSystem system, IReadOnlyList<string> patterns) : TicketPattern
{
    private readonly Regex[] _regexes = patterns.Select(SafeRegex.CreateUntrusted).ToArray();

    /// <inheritdoc />
    public override TicketSystem System => system;

    /// <inheritdoc />
    public override IEnumerable<TicketMention> Find(string text, string where)
    {
        var mentions = new List<TicketMention>();
        foreach (var regex in _regexes)
        {
            foreach (var match in regex.SafeMatches(text))
            {
                var id = (match.Groups.Count > 1 && match.Groups[1].Success ? match.Groups[1].Value : match.Value).Trim();
                if (system == TicketSystem.ServiceNow)
                {
                    id = id.ToUpperInvariant();
                }
                if (id.Length > 0)
                {
                    mentions.Add(new TicketMention(id, system, match.Index, $"{where} matches the workspace's {system} pattern: {id}"));
                }
            }
        }
        return mentions.OrderBy(m => m.Index);
    }
}
