using System.Text.Json;

namespace OpsHelm.Functions.Hosting.CustomHandler;

/// <summary>Maps <c>POST /{FunctionName}</c> for every <see cref="IInvokedFunction"/>: the custom-handler invocation protocol.</summary>
public static class InvocationRoutes
{
    // Host payloads for timers and queue messages are small; anything larger is not from the host.
    private const long MaxPayloadBytes = 1024 * 1024;

    /// <summary>Maps the invocation endpoints.</summary>
    public static IEndpointRouteBuilder MapInvocations(this IEndpointRouteBuilder app)
    {
        foreach (var function in app.ServiceProvider.GetServices<IInvokedFunction>())
        {
            app.MapPost("/" + function.Name, async (HttpContext http, CancellationToken cancellationToken) =>
            {
                if (http.Request.ContentLength is > MaxPayloadBytes)
                {
                    return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"An invocation payload is at most {MaxPayloadBytes} bytes.");
                }
                InvocationRequest? request;
                try
                {
                    request = await JsonSerializer.DeserializeAsync<InvocationRequest>(http.Request.Body, JsonSerializerOptions.Web, cancellationToken);
                }
                catch (JsonException ex)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The invocation payload is not the host's JSON: {ex.Message}");
                }
                var response = await function.InvokeAsync(request ?? new InvocationRequest(null, null), cancellationToken);
                return Results.Json(response, InvocationJson.Options, statusCode: response.StatusCode);
            }).WithName("Invoke" + function.Name).ExcludeFromDescription();
        }
        return app;
    }
}
