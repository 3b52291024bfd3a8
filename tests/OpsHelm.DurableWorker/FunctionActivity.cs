using Microsoft.DurableTask;

namespace OpsHelm.DurableWorker;

/// <summary>
/// An isolated-worker activity function class run by the portable Durable worker: the class is created from the worker's
/// services, as the Functions host would, and its <c>[Function]</c> method called with the activity's input.
/// </summary>
/// <typeparam name="TFunction">The activity function class.</typeparam>
/// <typeparam name="TInput">Its <c>[ActivityTrigger]</c> input.</typeparam>
/// <typeparam name="TOutput">What it returns.</typeparam>
public sealed class FunctionActivity<TFunction, TInput, TOutput>(TFunction function, Func<TFunction, TInput, CancellationToken, Task<TOutput>> run)
    : TaskActivity<TInput, TOutput>
    where TFunction : class
{
    /// <inheritdoc />
    public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(function, input, CancellationToken.None);

    /// <summary>A factory for the registry: <typeparamref name="TFunction"/> from <paramref name="services"/>, then <paramref name="run"/>.</summary>
    public static ITaskActivity Create(IServiceProvider services, Func<TFunction, TInput, CancellationToken, Task<TOutput>> run) =>
        new FunctionActivity<TFunction, TInput, TOutput>(ActivatorUtilities.CreateInstance<TFunction>(services), run);
}
