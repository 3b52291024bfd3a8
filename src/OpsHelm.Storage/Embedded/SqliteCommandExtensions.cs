using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;

namespace OpsHelm.Storage.Embedded;

/// <summary>Small helpers that keep the SQL of the stores readable.</summary>
internal static class SqliteCommandExtensions
{
    /// <summary>A command on <paramref name="connection"/>, enlisted in <paramref name="transaction"/> when given.</summary>
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a parameter (null becomes SQL NULL) and returns the command.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Reads the first column of every row as JSON of <typeparamref name="T"/>.</summary>
    public static async Task<IReadOnlyList<T>> ReadJsonAsync<T>(this SqliteCommand command, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(JsonSerializer.Deserialize(reader.GetString(0), type)!);
        }
        return items;
    }

    /// <summary>The instant as UTC milliseconds since the Unix epoch: the form ordering columns hold.</summary>
    public static long ToUnixMs(this DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <summary>The instant as UTC milliseconds since the Unix epoch, or null.</summary>
    public static long? ToUnixMs(this DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();
}
