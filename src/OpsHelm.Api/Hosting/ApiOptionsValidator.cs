using Microsoft.Extensions.Options;

namespace OpsHelm.Api.Hosting;

/// <summary>Fails start-up with every problem of the OpsHelm settings, each naming its setting.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ApiOptions options) =>
        options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
