using Microsoft.Extensions.Options;
using OpsHelm.Core.Ports;
using OpsHelm.Storage.Embedded;

namespace OpsHelm.Functions.Hosting;

/// <summary>Registers the embedded store (SQLite + attachment folder) behind Core's ports.</summary>
public static class EmbeddedServices
{
    /// <summary>Adds the store, opened once at start-up, and its ports.</summary>
    public static IServiceCollection AddEmbeddedStore(this IServiceCollection services)
    {
        services.AddSingleton(sp => EmbeddedStore.Open(sp.GetRequiredService<IOptions<FunctionsAppOptions>>().Value.StoreDirectory, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().Records);
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().States);
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().Attachments);
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().Locks);
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().Health);
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().Subscriptions);
        services.AddSingleton(sp => sp.GetRequiredService<EmbeddedStore>().PushInbox);
        return services;
    }
}
