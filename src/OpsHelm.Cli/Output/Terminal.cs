using Spectre.Console;

namespace OpsHelm.Cli.Output;

/// <summary>The terminal as it is now: bound to the current standard output, not to the one seen at first use.</summary>
internal static class Terminal
{
    public static IAnsiConsole Current => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
}
