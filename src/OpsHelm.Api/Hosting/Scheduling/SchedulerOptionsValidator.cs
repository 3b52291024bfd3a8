using Microsoft.Extensions.Options;

namespace OpsHelm.Api.Hosting.Scheduling;

/// <summary>Fails start-up with every problem of the scheduler settings, each naming its setting.</summary>
public sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options) =>
        options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
