using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using OpsHelm.Core.Sources;
using OpsHelm.Core.Telemetry;
using OpsHelm.Core.Tests.Runs;

namespace OpsHelm.Core.Tests.Sources;

public sealed class UnroutedDeliveriesTests
{
    private static (UnroutedDeliveries Sut, RunnerHarness Harness) CreateSut()
    {
        var harness = new RunnerHarness();
        return (new UnroutedDeliveries(new SourceHealthTracker(harness.Store.Health, harness.Time), harness.Time, NullLogger<UnroutedDeliveries>.Instance), harness);
    }

    [Fact]
    public async Task A_delivery_no_workspace_can_be_named_is_kept_at_host_level_with_a_count_and_touches_no_workspace()
    {
        var (sut, harness) = CreateSut();
        await using var _ = harness;

        await sut.RecordAsync(new UnroutedDelivery("WhatsApp", "999", UnroutedReasons.UnknownRoute), default);
        harness.Time.Advance(TimeSpan.FromMinutes(3));
        await sut.RecordAsync(new UnroutedDelivery("WhatsApp", "999", UnroutedReasons.UnknownRoute), default);

        var entry = sut.Current.ShouldHaveSingleItem();
        (entry.Count, entry.LastSeenAt - entry.FirstSeenAt).ShouldBe((2L, TimeSpan.FromMinutes(3)));
        (await harness.Store.Records.ListWorkspacesAsync(default)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_delivery_of_a_known_workspace_opens_an_UndeliverableMessage_incident_on_its_source()
    {
        var (sut, harness) = CreateSut();
        await using var _ = harness;

        await sut.RecordAsync(new UnroutedDelivery("WhatsApp", "106540352242922", UnroutedReasons.OverlongMessageId, "ws-a"), default);

        sut.Current.ShouldBeEmpty();
        var incident = (await harness.Store.Health.ListIncidentsAsync("ws-a", "Open", default)).ShouldHaveSingleItem();
        (incident.Kind, incident.SourceId, incident.Details).ShouldBe((IncidentKinds.UndeliverableMessage, "106540352242922",
            "1 WhatsApp message(s) acknowledged but not recorded; last: message id too long"));
    }

    [Fact]
    public async Task Keys_are_clipped_and_shown_printable_and_distinct_keys_are_bounded()
    {
        var (sut, harness) = CreateSut();
        await using var _ = harness;

        await sut.RecordAsync(new UnroutedDelivery("Graph", "sub\u0000\n" + new string('x', 500), UnroutedReasons.UnknownRoute), default);
        for (var i = 0; i < UnroutedDeliveries.MaxEntries + 10; i++)
        {
            await sut.RecordAsync(new UnroutedDelivery("Graph", $"sub-{i}", UnroutedReasons.UnknownRoute), default);
        }

        sut.Current.Count.ShouldBe(UnroutedDeliveries.MaxEntries + 1);
        sut.Current.ShouldContain(e => e.Key == "sub??" + new string('x', 123));
        sut.Current.Single(e => e.Key == UnroutedDeliveries.OtherKey).Count.ShouldBe(11);
    }

    [Fact]
    public async Task Each_one_is_counted_on_the_OpsHelm_meter_by_provider_reason_and_scope()
    {
        var (sut, harness) = CreateSut();
        await using var _ = harness;
        var measured = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == OpsHelmTelemetry.Name && instrument.Name == "opshelm.deliveries.unrouted")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => measured.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        await sut.RecordAsync(new UnroutedDelivery("Gmail", "x@example.org", UnroutedReasons.UnknownRoute), default);
        await sut.RecordAsync(new UnroutedDelivery("WhatsApp", "1065", UnroutedReasons.MissingMessageId, "ws-a"), default);

        measured.Select(m => (m.Value, m.Tags[TelemetryTags.Provider], m.Tags[TelemetryTags.UnroutedReason], m.Tags[TelemetryTags.UnroutedScope]))
            .ShouldBe([(1L, "Gmail", UnroutedReasons.UnknownRoute, "host"), (1L, "WhatsApp", UnroutedReasons.MissingMessageId, "workspace")]);
    }
}
