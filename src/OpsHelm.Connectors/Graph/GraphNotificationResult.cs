namespace OpsHelm.Connectors.Graph;

/// <summary>What a delivery of Graph notifications came to.</summary>
/// <param name="Outcome">Accepted, Malformed or Rejected.</param>
/// <param name="Accepted">Notifications recorded now.</param>
/// <param name="Duplicates">Notifications already recorded (a redelivery).</param>
/// <param name="Rejected">Notifications refused (unknown subscription, wrong clientState, unreadable item).</param>
/// <param name="Problems">Why items were refused, in words (no secrets).</param>
/// <param name="Traced">Verified notifications that could not be recorded (no usable resource) and opened an incident on their mailbox instead.</param>
public sealed record GraphNotificationResult(GraphNotificationOutcome Outcome, int Accepted, int Duplicates, int Rejected, IReadOnlyList<string> Problems, int Traced = 0)
{
    /// <summary>The HTTP status to answer Graph with: 202, 400 or 403.</summary>
    public int StatusCode => Outcome switch
    {
        GraphNotificationOutcome.Accepted => 202,
        GraphNotificationOutcome.Malformed => 400,
        _ => 403,
    };

    /// <summary>A malformed delivery.</summary>
    public static GraphNotificationResult Malformed(string problem) => new(GraphNotificationOutcome.Malformed, 0, 0, 0, [problem]);
}
