using System.CommandLine;
using OpsHelm.Cli.Output;
using OpsHelm.Core.Ports;
using OpsHelm.Storage.Embedded;
using Spectre.Console;

namespace OpsHelm.Cli.Commands;

/// <summary>The read-back commands (runs, exceptions, tickets, commitments): one workspace, a table or JSON.</summary>
internal static class ListCommand
{
    /// <summary>A command that lists rows from the store.</summary>
    public static Command Create<T>(
        string name,
        string description,
        TimeProvider time,
        Func<IRecordStore, string, CancellationToken, Task<IReadOnlyList<T>>> list,
        string[] columns,
        Func<T, string[]> row)
    {
        var store = CliOptions.Store();
        var workspace = CliOptions.Workspace();
        var json = CliOptions.Json();
        var command = new Command(name, description) { store, workspace, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(store)!;
            if (!File.Exists(Path.Combine(directory.FullName, EmbeddedStore.DatabaseFileName)))
            {
                return CliErrors.Fail(ExitCodes.BadInput, $"{directory.FullName}: no OpsHelm store here (run 'opshelm ingest' first, or pass --store)");
            }
            await using var opened = EmbeddedStore.Open(directory.FullName, time);
            var workspaces = await opened.Records.ListWorkspacesAsync(cancellationToken);
            var chosen = parse.GetValue(workspace);
            if (chosen is null)
            {
                if (workspaces.Count != 1)
                {
                    return CliErrors.Fail(ExitCodes.BadInput, workspaces.Count == 0
                        ? "the store holds no workspace yet"
                        : $"the store holds several workspaces; choose one with --workspace ({string.Join(", ", workspaces)})");
                }
                chosen = workspaces[0];
            }
            else if (!workspaces.Contains(chosen))
            {
                return CliErrors.Fail(ExitCodes.BadInput, $"workspace '{chosen}' has no records in {directory.FullName}");
            }
            var rows = await list(opened.Records, chosen, cancellationToken);
            if (parse.GetValue(json))
            {
                JsonOutput.Write(rows);
                return ExitCodes.Ok;
            }
            var table = new Table().Border(TableBorder.Rounded).Title($"{name} — {Markup.Escape(chosen)} ({rows.Count})");
            foreach (var column in columns)
            {
                table.AddColumn(column);
            }
            foreach (var item in rows)
            {
                // Message text is untrusted: escaped so it can never be read as markup.
                table.AddRow(row(item).Select(cell => new Text(cell)).ToArray());
            }
            Terminal.Current.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }
}
