using OpsHelm.Core.Messages;
using OpsHelm.Core.Records;
using OpsHelm.Core.Tickets;

namespace OpsHelm.Core.Workspaces;

/// <summary>A workspace configuration turned into fast lookups, built once per run.</summary>
public sealed class WorkspaceProfile
{
    private readonly HashSet<string> _internalDomains;
    private readonly Dictionary<string, string> _customerByDomain;
    private readonly Dictionary<string, string> _customerByName;
    private readonly HashSet<string> _blockedEmails;
    private readonly HashSet<string> _blockedDomains;
    private readonly Dictionary<string, TicketSystem> _ticketSenders;

    /// <summary>Builds the profile of <paramref name="config"/>.</summary>
    public WorkspaceProfile(WorkspaceConfig config)
    {
        Config = config;
        TimeZone = TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone);
        _internalDomains = new HashSet<string>(config.InternalDomains.Select(Lower), StringComparer.Ordinal);
        _customerByDomain = new(StringComparer.Ordinal);
        _customerByName = new(StringComparer.Ordinal);
        foreach (var customer in config.Customers)
        {
            foreach (var domain in customer.Domains)
            {
                _customerByDomain.TryAdd(Lower(domain), customer.Name);
            }
            foreach (var name in customer.Aliases.Append(customer.Name))
            {
                _customerByName.TryAdd(NormalizeName(name), customer.Name);
            }
        }
        _blockedEmails = new(StringComparer.Ordinal);
        _blockedDomains = new(StringComparer.Ordinal);
        foreach (var entry in config.Blocklist.Emails.Select(Lower))
        {
            if (entry.StartsWith("*@", StringComparison.Ordinal))
            {
                _blockedDomains.Add(entry[2..]);
            }
            else
            {
                _blockedEmails.Add(entry);
            }
        }
        foreach (var domain in config.Blocklist.Domains)
        {
            _blockedDomains.Add(Lower(domain).TrimStart('@'));
        }
        _ticketSenders = new(StringComparer.Ordinal);
        foreach (var source in config.TicketSources.Where(s => s.Enabled))
        {
            foreach (var sender in source.Senders)
            {
                _ticketSenders.TryAdd(Lower(sender), Enum.Parse<TicketSystem>(source.System));
            }
        }
        TicketIds = new TicketIdFinder(config.TicketSources);
    }

    /// <summary>The configuration.</summary>
    public WorkspaceConfig Config { get; }

    /// <summary>Workspace id.</summary>
    public string Id => Config.Id;

    /// <summary>The workspace's time zone.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>The ticket id finder for the workspace's sources.</summary>
    public TicketIdFinder TicketIds { get; }

    /// <summary>True when <paramref name="participant"/> is one of our people.</summary>
    public bool IsInternal(Participant participant) => MatchesDomain(_internalDomains, participant.Domain);

    /// <summary>The customer whose domain <paramref name="participant"/> writes from, if any.</summary>
    public string? CustomerOfDomain(Participant participant)
    {
        for (var domain = participant.Domain; domain.Length > 0; domain = ParentDomain(domain))
        {
            if (_customerByDomain.TryGetValue(domain, out var name))
            {
                return name;
            }
        }
        return null;
    }

    /// <summary>The customer a name or alias (e.g. a ticket's company field) refers to, if any.</summary>
    public string? CustomerNamed(string name) =>
        _customerByName.TryGetValue(NormalizeName(name), out var customer) ? customer : null;

    /// <summary>Why <paramref name="sender"/> is blocklisted, or null.</summary>
    public string? BlockReason(Participant sender)
    {
        var address = Lower(sender.Address);
        if (_blockedEmails.Contains(address))
        {
            return $"sender {address} is on the workspace blocklist";
        }
        return MatchesDomain(_blockedDomains, sender.Domain)
            ? $"sender domain {sender.Domain} is on the workspace blocklist"
            : null;
    }

    /// <summary>The ticket system <paramref name="sender"/> sends notifications for, if any.</summary>
    public TicketSystem? TicketSystemOfSender(Participant sender) =>
        _ticketSenders.TryGetValue(Lower(sender.Address), out var system) ? system : null;

    /// <summary>Lower-cases, trims and drops punctuation so "Mercer &amp; Pike, LLP" finds "Mercer &amp; Pike LLP".</summary>
    public static string NormalizeName(string name)
    {
        Span<char> buffer = stackalloc char[Math.Min(name.Length, 256)];
        var length = 0;
        var space = false;
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, 256)))
        {
            if (char.IsLetterOrDigit(c) || c == '&')
            {
                if (space && length > 0)
                {
                    buffer[length++] = ' ';
                }
                buffer[length++] = char.ToLowerInvariant(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }
        return new string(buffer[..length]);
    }

    private static bool MatchesDomain(HashSet<string> domains, string domain)
    {
        for (; domain.Length > 0; domain = ParentDomain(domain))
        {
            if (domains.Contains(domain))
            {
                return true;
            }
        }
        return false;
    }

    private static string ParentDomain(string domain)
    {
        var dot = domain.IndexOf('.');
        var parent = dot < 0 ? "" : domain[(dot + 1)..];
        return parent.Contains('.') ? parent : "";
    }

    private static string Lower(string value) => value.Trim().ToLowerInvariant();
}
