using Microsoft.Extensions.Options;

namespace OpsHelm.Api.Hosting;

/// <summary>Fails start-up with every problem of the <c>OpsHelm:Queue</c> settings, each naming its setting.</summary>
public sealed class WorkQueueOptionsValidator : IValidateOptions<WorkQueueOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WorkQueueOptions options) =>
        options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
