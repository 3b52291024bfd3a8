using System.Text;
using System.Text.Json;
using OpsHelm.Storage.Tests.Azure.ServiceBus;

namespace OpsHelm.Functions.Tests.EndToEnd;

/// <summary>
/// Plays the Functions host's Service Bus trigger for the app under test: takes due messages from the fake namespace one
/// at a time (so each session's messages arrive in order, one at a time) and posts them to <c>/ProcessWorkItem</c> as a
/// custom-handler invocation; a reply other than 200 gives the message back, as the host abandons a failed invocation.
/// </summary>
internal sealed class ServiceBusHost(FakeServiceBus bus, HttpClient http, string baseUrl)
{
    /// <summary>Invocations posted.</summary>
    public int Invocations { get; private set; }

    /// <summary>Invocations the app failed (status, log lines).</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Delivers due messages until <paramref name="done"/> holds, or fails after <paramref name="timeout"/>.</summary>
    public async Task RunUntilAsync(Func<Task<bool>> done, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (bus.Receive(DateTimeOffset.UtcNow) is { } message)
            {
                await DeliverAsync(message);
                continue;
            }
            if (await done())
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Not done after {timeout}: {Invocations} invocations, {bus.Queued.Count} messages queued, failures: {string.Join(" | ", Failures.Take(5))}\n{describe?.Invoke()}");
    }

    /// <summary>Posts one delivery of <paramref name="message"/> as the host would; returns the status.</summary>
    public async Task<int> DeliverAsync(FakeServiceBusMessage message)
    {
        var payload = JsonSerializer.Serialize(new
        {
            Data = new Dictionary<string, object> { ["message"] = message.Body },
            Metadata = new Dictionary<string, object?>
            {
                ["MessageId"] = message.MessageId,
                ["SessionId"] = message.SessionId,
                ["DeliveryCount"] = message.DeliveryCount,
                ["SequenceNumber"] = message.SequenceNumber,
                ["sys"] = new { MethodName = "ProcessWorkItem", UtcNow = DateTimeOffset.UtcNow, RandGuid = Guid.NewGuid() },
            },
        });
        using var response = await http.PostAsync(baseUrl + "/ProcessWorkItem", new StringContent(payload, Encoding.UTF8, "application/json"));
        Invocations++;
        var status = (int)response.StatusCode;
        if (status != 200)
        {
            Failures.Add($"{status} {await response.Content.ReadAsStringAsync()}");
            bus.Abandon(message);
        }
        return status;
    }
}
