using Microsoft.Extensions.Options;

namespace OpsHelm.Functions.Hosting;

/// <summary>Fails start-up with every problem of the OpsHelm settings, each naming its setting.</summary>
public sealed class FunctionsAppOptionsValidator : IValidateOptions<FunctionsAppOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FunctionsAppOptions options) =>
        options.Validate() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
