using System.Text.RegularExpressions;

namespace OpsHelm.Core.Text;

/// <summary>
/// Regexes over hostile text: built-in patterns carry a match timeout; patterns from configuration run on the
/// linear-time engine where they can, and with a timeout where they cannot. A timed-out match counts as no match.
/// </summary>
public static class SafeRegex
{
    /// <summary>Match timeout for every pattern (milliseconds).</summary>
    public const int TimeoutMilliseconds = 200;

    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(TimeoutMilliseconds);

    /// <summary>Compiles a pattern from configuration (untrusted) for case-insensitive matching.</summary>
    public static Regex CreateUntrusted(string pattern)
    {
        const RegexOptions options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
        try
        {
            return new Regex(pattern, options | RegexOptions.NonBacktracking, Timeout);
        }
        catch (NotSupportedException)
        {
            // Lookarounds and backreferences need the backtracking engine; the timeout bounds it.
            return new Regex(pattern, options, Timeout);
        }
    }

    /// <summary>True when <paramref name="pattern"/> compiles; otherwise the reason.</summary>
    public static bool IsValid(string pattern, out string? error)
    {
        try
        {
            _ = CreateUntrusted(pattern);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    /// <summary><see cref="Regex.IsMatch(string)"/>, false on timeout.</summary>
    public static bool SafeIsMatch(this Regex regex, string input)
    {
        try
        {
            return regex.IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <summary>The first match, or null (also on timeout).</summary>
    public static Match? SafeMatch(this Regex regex, string input)
    {
        try
        {
            var match = regex.Match(input);
            return match.Success ? match : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>All matches, in order; stops quietly at a timeout.</summary>
    public static List<Match> SafeMatches(this Regex regex, string input)
    {
        var results = new List<Match>();
        try
        {
            for (var match = regex.Match(input); match.Success; match = match.NextMatch())
            {
                results.Add(match);
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // What was found before the timeout still counts.
        }
        return results;
    }
}
