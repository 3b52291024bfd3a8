using OpsHelm.Cli.Commands;

return await OpsHelmCommand.Create(TimeProvider.System).Parse(args).InvokeAsync();
