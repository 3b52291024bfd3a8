using System.Net;
using System.Net.Sockets;

namespace OpsHelm.Connectors.Tests.Imap;

/// <summary>A loopback TCP proxy to the IMAP server that hangs up on its first <c>dropFirst</c> connections, as a flaky network would.</summary>
internal sealed class DroppingProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _target;
    private readonly int _dropFirst;
    private int _accepted;
    private Task? _loop;

    private DroppingProxy(int target, int dropFirst)
    {
        _target = target;
        _dropFirst = dropFirst;
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    public static DroppingProxy Start(int target, int dropFirst)
    {
        var proxy = new DroppingProxy(target, dropFirst);
        proxy._listener.Start();
        proxy._loop = proxy.AcceptAsync();
        return proxy;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (Interlocked.Increment(ref _accepted) <= _dropFirst)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(IPAddress.Loopback, _target);
            var a = client.GetStream();
            var b = server.GetStream();
            try
            {
                await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // Either side hung up.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        if (_loop is not null)
        {
            await _loop;
        }
        _stop.Dispose();
    }
}
