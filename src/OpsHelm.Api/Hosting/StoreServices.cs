using OpsHelm.Storage;

namespace OpsHelm.Api.Hosting;

/// <summary>Registers the store the settings choose (<c>OpsHelm:Store</c> = embedded | azure) behind Core's ports.</summary>
public static class StoreServices
{
    /// <summary>Adds the store, opened once from the app's configuration, and each of its ports.</summary>
    public static IServiceCollection AddStores(this IServiceCollection services)
    {
        // Opened from the built configuration (not the builder's), so every configuration source, a test host's included, counts.
        services.AddSingleton(sp => StoreSet.OpenAsync(
            StoreOptions.From(key => sp.GetRequiredService<IConfiguration>()[key]), sp.GetRequiredService<TimeProvider>(), CancellationToken.None)
            .GetAwaiter().GetResult());
        services.AddSingleton(sp => sp.GetRequiredService<StoreSet>().Records);
        services.AddSingleton(sp => sp.GetRequiredService<StoreSet>().States);
        services.AddSingleton(sp => sp.GetRequiredService<StoreSet>().Attachments);
        services.AddSingleton(sp => sp.GetRequiredService<StoreSet>().Locks);
        services.AddSingleton(sp => sp.GetRequiredService<StoreSet>().Health);
        services.AddSingleton(sp => sp.GetRequiredService<StoreSet>().Subscriptions);
        services.AddSingleton(sp => sp.GetRequiredService<StoreSet>().PushInbox);
        services.AddSingleton(sp => sp.GetRequiredService<StoreSet>().Archive);
        services.AddSingleton(sp => sp.GetRequiredService<StoreSet>().Pages);
        services.AddSingleton(sp => sp.GetRequiredService<StoreSet>().WorkQueue);
        return services;
    }
}
