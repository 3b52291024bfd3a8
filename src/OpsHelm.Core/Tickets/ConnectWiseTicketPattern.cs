using System.Text.RegularExpressions;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Tickets;

/// <summary>ConnectWise service ticket numbers as its notifications and people write them: "Ticket #310245", "Ticket#310245", "Service Ticket 310245", "Ticket No. 310245".</summary>
public sealed partial class ConnectWiseTicketPattern : TicketPattern
{
    /// <inheritdoc />
    public override TicketSystem System => TicketSystem.ConnectWise;

    /// <inheritdoc />
    public override IEnumerable<TicketMention> Find(string text, string where)
    {
        foreach (var match in Number().SafeMatches(text))
        {
            var id = match.Groups["id"].Value;
            yield return new TicketMention(id, System, match.Index, $"{where} names ConnectWise ticket #{id}");
        }
    }

    [GeneratedRegex(@"\b(?:Service\s+)?Ticket(?:\s*(?:#|No\.|Number:?)\s*(?<id>\d{4,9})|\s+(?<id>\d{5,9}))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Number();
}
