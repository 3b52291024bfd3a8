using System.Text.RegularExpressions;
using OpsHelm.Core.Records;
using OpsHelm.Core.Text;

namespace OpsHelm.Core.Tickets;

/// <summary>
/// ConnectWise service ticket numbers as its notifications and people write them: "Ticket #310245", "Ticket #: 310245",
/// "Ticket Number: 310245", "Service Ticket 310245", "Ticket No. 310245", "[Ticket 310245]". Other help desks tag
/// subjects as "[Ticket#31001]" (Zammad); that form counts only from a configured ConnectWise sender.
/// </summary>
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
            var foreignTag = match.Groups["tag"].Success;
            yield return new TicketMention(id, System, match.Index, $"{where} names ConnectWise ticket #{id}", RequiresTicketSender: foreignTag);
        }
    }

    // "Service Ticket 310245" is found at "Ticket": a pattern that starts with the literal is found by a vectorized search.
    [GeneratedRegex(@"(?:(?<tag>\[Ticket#)(?<id>\d{4,12})\]|\bTicket(?:\s*(?:#|No\.?|Number|Nr\.?)[ \t]*[:#]?[ \t]*(?<id>\d{4,9})|\s+(?<id>\d{5,9}))\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex Number();
}
