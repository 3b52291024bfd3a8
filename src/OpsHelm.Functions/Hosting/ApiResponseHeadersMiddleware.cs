using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using OpsHelm.Api.Hosting;

namespace OpsHelm.Functions.Hosting;

/// <summary>Gives every HTTP function's answer the API's headers (<see cref="ApiResponseHeaders"/>), as <c>opshelm serve</c> does.</summary>
public sealed class ApiResponseHeadersMiddleware : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } http)
        {
            ApiResponseHeaders.Apply(http);
        }
        return next(context);
    }
}
