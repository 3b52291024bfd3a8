using Microsoft.Extensions.Options;

namespace OpsHelm.Api.Hosting.Telemetry;

/// <summary>Fails start-up with every problem of the <c>OpsHelm:Telemetry</c> settings, each naming its setting.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
