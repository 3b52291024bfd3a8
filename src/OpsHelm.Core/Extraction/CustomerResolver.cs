using System.Text.RegularExpressions;
using OpsHelm.Core.Messages;
using OpsHelm.Core.Text;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Core.Extraction;

/// <summary>The customer of a ticket message: its company field (matched against names and aliases), else an external participant's domain.</summary>
public static partial class CustomerResolver
{
    /// <summary>The customer <paramref name="message"/> states, and the evidence, or null.</summary>
    public static (string Customer, string Evidence)? Resolve(InboundMessage message, string stated, WorkspaceProfile profile)
    {
        if (CompanyField().SafeMatch(stated) is { } field)
        {
            var value = field.Groups["v"].Value.Trim();
            if (profile.CustomerNamed(value) is { } known)
            {
                return (known, $"company field '{value}' is customer {known}");
            }
            if (value.Length > 0)
            {
                return (value, $"company field '{value}' (not a configured customer)");
            }
        }
        var external = message.IsSentByUs
            ? message.To.Concat(message.Cc)
            : message.Participants;
        foreach (var participant in external)
        {
            if (!profile.IsInternal(participant) && profile.CustomerOfDomain(participant) is { } customer)
            {
                return (customer, $"participant domain {participant.Domain} belongs to {customer}");
            }
        }
        return null;
    }

    [GeneratedRegex(@"^[ \t]*(?:Company|Customer|Account|Client)(?: name)?[ \t]*:[ \t]*(?<v>[^\n\t]{2,80})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Multiline, SafeRegex.TimeoutMilliseconds)]
    private static partial Regex CompanyField();
}
