using OpsHelm.Core.Records;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Tickets;

/// <summary>Finds ticket ids with the workspace's enabled ticket sources, in the order the workspace lists them.</summary>
public sealed class TicketIdFinder
{
    private readonly TicketPattern[] _patterns;

    /// <summary>Builds the finder for <paramref name="sources"/>; with none configured, ServiceNow then ConnectWise.</summary>
    public TicketIdFinder(IReadOnlyList<TicketSourceConfig> sources)
    {
        var configured = sources.Count == 0
            ? [new TicketSourceConfig { System = "ServiceNow" }, new TicketSourceConfig { System = "ConnectWise" }]
            : sources;
        _patterns = configured.Where(s => s.Enabled).Select(Create).ToArray();
    }

    /// <summary>Distinct ids in <paramref name="text"/>, ordered by where they first appear.</summary>
    public List<TicketMention> Find(string text, string where)
    {
        var found = new List<TicketMention>();
        if (text.Length == 0)
        {
            return found;
        }
        foreach (var pattern in _patterns)
        {
            foreach (var mention in pattern.Find(text, where))
            {
                if (!Contains(found, mention.Id))
                {
                    found.Add(mention);
                }
            }
        }
        found.Sort((a, b) => a.Index.CompareTo(b.Index));
        return found;
    }

    private static bool Contains(List<TicketMention> found, string id)
    {
        foreach (var mention in found)
        {
            if (mention.Id.Equals(id, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    private static TicketPattern Create(TicketSourceConfig source)
    {
        var system = Enum.Parse<TicketSystem>(source.System);
        if (source.Patterns is { Count: > 0 } patterns)
        {
            return new ConfiguredTicketPattern(system, patterns);
        }
        return system == TicketSystem.ServiceNow ? new ServiceNowTicketPattern() : new ConnectWiseTicketPattern();
    }
}
