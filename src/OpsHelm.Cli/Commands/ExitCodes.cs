namespace OpsHelm.Cli.Commands;

/// <summary>The command's exit codes.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int Busy = 3;
}
