using OpsHelm.Core.Ports;

namespace OpsHelm.Storage.Tests.Contract;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task A_held_workspace_keeps_a_second_acquirer_out_and_names_the_workspace()
    {
        await using var held = await Store.Locks.AcquireAsync("contoso", TimeSpan.Zero, None);

        var error = await Should.ThrowAsync<WorkspaceBusyException>(() =>
            Time.AdvancingAsync(Store.Locks.AcquireAsync("contoso", TimeSpan.FromMilliseconds(100), None), TimeSpan.FromMilliseconds(20)));

        error.Message.ShouldContain("Workspace 'contoso' is busy");
        // Another workspace is free all the same.
        await using var other = await Store.Locks.AcquireAsync("fabrikam", TimeSpan.Zero, None);
    }

    [Fact]
    public async Task A_released_workspace_can_be_taken_again()
    {
        var first = await Store.Locks.AcquireAsync("ws", TimeSpan.Zero, None);
        await first.DisposeAsync();

        await using var second = await Store.Locks.AcquireAsync("ws", TimeSpan.Zero, None);

        await Should.ThrowAsync<WorkspaceBusyException>(() => Store.Locks.AcquireAsync("ws", TimeSpan.Zero, None));
    }

    [Fact]
    public async Task An_expired_lease_of_a_crashed_holder_is_taken_over()
    {
        // Another process takes the workspace and "crashes": never disposed, and its clock (so its renewal timer) stands still.
        var crashed = await Store.OtherProcessLocks(new FakeTimeProvider(Time.GetUtcNow()));
        _ = await crashed.AcquireAsync("ws", TimeSpan.Zero, None);
        await Should.ThrowAsync<WorkspaceBusyException>(() => Store.Locks.AcquireAsync("ws", TimeSpan.Zero, None));

        Time.Advance(TimeSpan.FromMinutes(3));

        await using var taken = await Store.Locks.AcquireAsync("ws", TimeSpan.Zero, None);
    }
}
