using Microsoft.AspNetCore.Mvc;

namespace OpsHelm.Functions.Hosting;

/// <summary>Runs an endpoint's <see cref="IResult"/> as the <see cref="IActionResult"/> the worker's ASP.NET Core integration executes.</summary>
/// <param name="Result">The endpoint's result.</param>
public sealed record ResultAction(IResult Result) : IActionResult
{
    /// <inheritdoc />
    public Task ExecuteResultAsync(ActionContext context) => Result.ExecuteAsync(context.HttpContext);
}
