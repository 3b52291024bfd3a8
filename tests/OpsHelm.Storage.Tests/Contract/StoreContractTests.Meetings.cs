using OpsHelm.Core.Pipeline;
using OpsHelm.Core.Records;

namespace OpsHelm.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    private static MessageOutcome MeetingOutcome(string workspaceId, string providerMessageId, string subject = "Core switch change window review") =>
        Samples.PlainOutcome(workspaceId, providerMessageId) with
        {
            Event = Samples.Event(workspaceId, providerMessageId) with { Category = Category.Meeting, Subject = subject },
            Classification = new Classification(Category.Meeting, 0.95, ["eventMessage"], null),
        };

    [Fact]
    public async Task A_dismissed_meeting_is_listed_with_the_time_it_was_first_dismissed()
    {
        await Store.Records.RecordAsync(MeetingOutcome("ws", "m1"), _ => null!, None);
        await Store.Records.RecordAsync(MeetingOutcome("ws", "m2"), _ => null!, None);

        (await Store.Records.DismissMeetingAsync("ws", "email:m2", Samples.SentAt, None)).ShouldBeTrue();
        (await Store.Records.DismissMeetingAsync("ws", "email:m2", Samples.SentAt.AddHours(1), None)).ShouldBeTrue();

        (await Store.Records.ListDismissedMeetingsAsync("ws", None)).ShouldBe([new MeetingDismissal("ws", "email:m2", Samples.SentAt)]);
    }

    [Fact]
    public async Task Only_a_recorded_meeting_of_the_workspace_can_be_dismissed()
    {
        await Store.Records.RecordAsync(MeetingOutcome("ws", "m1"), _ => null!, None);
        await Store.Records.RecordAsync(Samples.PlainOutcome("ws", "m2"), _ => null!, None);
        await Store.Records.RecordAsync(MeetingOutcome("other", "m3"), _ => null!, None);

        (await Store.Records.DismissMeetingAsync("ws", "email:unknown", Samples.SentAt, None)).ShouldBeFalse();
        (await Store.Records.DismissMeetingAsync("ws", "email:m2", Samples.SentAt, None)).ShouldBeFalse();
        (await Store.Records.DismissMeetingAsync("ws", "email:m3", Samples.SentAt, None)).ShouldBeFalse();

        (await Store.Records.ListDismissedMeetingsAsync("ws", None)).ShouldBeEmpty();
        (await Store.Records.ListDismissedMeetingsAsync("other", None)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Recording_the_meeting_again_or_an_updated_copy_keeps_its_dismissal()
    {
        await Store.Records.RecordAsync(MeetingOutcome("ws", "m1"), _ => null!, None);
        await Store.Records.DismissMeetingAsync("ws", "email:m1", Samples.SentAt, None);

        await Store.Records.RecordAsync(MeetingOutcome("ws", "m1"), _ => null!, None);
        await Store.Records.RecordAsync(MeetingOutcome("ws", "m1", subject: "Updated: Core switch change window review"), _ => null!, None);

        (await Store.Records.ListDismissedMeetingsAsync("ws", None)).Select(d => d.EventKey).ShouldBe(["email:m1"]);
    }

    [Fact]
    public async Task Dismissals_stay_in_their_workspace()
    {
        await Store.Records.RecordAsync(MeetingOutcome("ws", "m1"), _ => null!, None);
        await Store.Records.RecordAsync(MeetingOutcome("other", "m1"), _ => null!, None);

        await Store.Records.DismissMeetingAsync("ws", "email:m1", Samples.SentAt, None);

        (await Store.Records.ListDismissedMeetingsAsync("ws", None)).Count.ShouldBe(1);
        (await Store.Records.ListDismissedMeetingsAsync("other", None)).ShouldBeEmpty();
    }
}
