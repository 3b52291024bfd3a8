using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace OpsHelm.DurableWorker.Harness;

/// <summary>
/// The kill-test worker as its own process (<c>dotnet OpsHelm.DurableWorker.dll</c>, the build beside the caller).
/// <see cref="Kill"/> is SIGKILL; disposing kills too, because the sidecar can take minutes to stop on SIGTERM.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process) => _process = process;

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>A loopback port free now, chosen once per run and reused by every restart.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts a worker; <paramref name="startRun"/> makes it schedule the workspace's orchestration (the first start).</summary>
    public static WorkerProcess Start(WorkerSettings settings, bool startRun)
    {
        var dll = typeof(WorkerProcess).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in settings.Arguments(startRun))
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the worker (dotnet)");
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>A Durable client of the worker's sidecar on <paramref name="port"/>; it reconnects across restarts.</summary>
    public static ServiceProvider CreateClient(int port)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableTaskClient(client => client.UseGrpc(GrpcChannel.ForAddress($"http://127.0.0.1:{port}")));
        return services.BuildServiceProvider();
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.WaitForExit(10_000);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
