namespace OpsHelm.Functions.Hosting.CustomHandler;

/// <summary>A function the Functions host invokes through the custom-handler protocol (timer and Service Bus triggers).</summary>
public interface IInvokedFunction
{
    /// <summary>The function's name: its folder and function.json in the publish output, and the path the host posts to.</summary>
    string Name { get; }

    /// <summary>Runs one invocation.</summary>
    Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
