namespace OpsHelm.Api.Hosting;

/// <summary>A component that exists only when its settings are complete; otherwise the reason, naming the settings.</summary>
/// <typeparam name="T">The component.</typeparam>
public sealed class Configured<T> where T : class
{
    private Configured(T? value, string? missing)
    {
        Value = value;
        Missing = missing;
    }

    /// <summary>The component, when configured.</summary>
    public T? Value { get; }

    /// <summary>What is missing, when not.</summary>
    public string? Missing { get; }

    /// <summary>The component built by <paramref name="create"/>, or why it could not be (its options' validation message).</summary>
    public static Configured<T> From(Func<T> create)
    {
        try
        {
            return new Configured<T>(create(), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            return new Configured<T>(null, ex.Message);
        }
    }
}

/// <summary>Builds <see cref="Configured{T}"/> values.</summary>
public static class Configured
{
    /// <summary>See <see cref="Configured{T}.From"/>.</summary>
    public static Configured<T> Of<T>(Func<T> create) where T : class => Configured<T>.From(create);
}
