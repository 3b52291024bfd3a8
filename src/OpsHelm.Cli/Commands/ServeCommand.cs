using System.CommandLine;
using OpsHelm.Cli.Serve;
using Microsoft.Extensions.Hosting;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Cli.Commands;

/// <summary><c>opshelm serve</c>: the portal, its API and the provider webhooks on this machine, with no Azure and no Functions host.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        // No default here: without --store the settings decide (OpsHelm__Embedded__Directory, else .opshelm).
        var store = new Option<DirectoryInfo?>("--store") { Description = "Directory of the embedded store (default: OpsHelm__Embedded__Directory, else .opshelm)" };
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default {ServeHost.DefaultUrl})" };
        var workspaces = new Option<FileInfo[]>("--workspace-config")
        {
            Description = "Workspace configuration files to serve (JSON); also OpsHelm__WorkspaceConfigs__0… in the environment",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("serve", "Serve the portal, its API and the webhooks over the embedded store, ingesting in this process") { store, urls, workspaces };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(store), parse.GetValue(urls), parse.GetValue(workspaces) ?? [], cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo? store, string? urls, FileInfo[] workspaces, CancellationToken cancellationToken)
    {
        var args = new List<string>();
        if (store is not null)
        {
            args.Add($"--OpsHelm:Embedded:Directory={store.FullName}");
        }
        if (urls is not null)
        {
            args.Add($"--urls={urls}");
        }
        for (var i = 0; i < workspaces.Length; i++)
        {
            args.Add($"--OpsHelm:WorkspaceConfigs:{i}={workspaces[i].FullName}");
        }
        try
        {
            await using var app = ServeHost.Build([.. args]);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (ex is WorkspaceConfigException or InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
        {
            return CliErrors.Fail(ExitCodes.BadInput, ex.Message);
        }
    }
}
