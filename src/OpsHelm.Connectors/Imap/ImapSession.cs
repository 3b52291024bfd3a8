using System.Net.Sockets;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using OpsHelm.Core.Workspaces;

namespace OpsHelm.Connectors.Imap;

/// <summary>
/// One authenticated connection to an IMAP mailbox that survives drops: an operation that fails because the connection
/// went away reconnects, logs in, reopens its folder and runs again, with doubling back-off up to
/// <see cref="ImapOptions.MaxRetries"/> times. A rejected credential is not retried.
/// </summary>
internal sealed class ImapSession(MailboxConfig mailbox, string secret, ImapOptions options, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    private readonly ImapMailboxConfig _server = mailbox.Imap ?? throw new InvalidOperationException($"mailbox {mailbox.Id} has no 'imap' settings");
    private ImapClient? _client;
    private Func<ImapClient, CancellationToken, Task<IMailFolder?>>? _folderOf;
    private IMailFolder? _folder;

    /// <summary>Opens the folder <paramref name="folderOf"/> finds (read-only); it is reopened after a reconnection. Null when there is no such folder.</summary>
    public async Task<IMailFolder?> OpenAsync(Func<ImapClient, CancellationToken, Task<IMailFolder?>> folderOf, CancellationToken cancellationToken)
    {
        _folderOf = folderOf;
        _folder = null;
        return await RunAsync((_, folder, _) => Task.FromResult(folder), cancellationToken);
    }

    /// <summary>Runs <paramref name="operation"/> on the connected client and the open folder, reconnecting after a drop.</summary>
    public async Task<T> RunAsync<T>(Func<ImapClient, IMailFolder?, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var client = await ConnectedAsync(cancellationToken);
                if (_folderOf is not null && _folder is null)
                {
                    _folder = await _folderOf(client, cancellationToken);
                    if (_folder is not null)
                    {
                        await _folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
                    }
                }
                return await operation(client, _folder, cancellationToken);
            }
            catch (Exception ex) when (IsDrop(ex, cancellationToken) && attempt < options.MaxRetries)
            {
                var delay = Delay(attempt);
                Logs.Retrying(logger, _server.Host, mailbox.Address, ex.GetType().Name, attempt + 1, delay);
                await DropAsync();
                await Task.Delay(delay, time, cancellationToken);
            }
        }
    }

    /// <summary>True when <paramref name="ex"/> means the connection failed or went away (worth reconnecting), not that a command was refused.</summary>
    public static bool IsDrop(Exception ex, CancellationToken cancellationToken) =>
        ex is IOException or SocketException or ImapProtocolException or ServiceNotConnectedException or TimeoutException
            or SslHandshakeException
        || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested;

    private TimeSpan Delay(int attempt)
    {
        var delay = options.RetryBaseDelay * Math.Pow(2, attempt);
        return delay > options.MaxRetryDelay ? options.MaxRetryDelay : delay;
    }

    private async Task<ImapClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true, IsAuthenticated: true })
        {
            return _client;
        }
        await DropAsync();
        var client = new ImapClient { Timeout = (int)options.CommandTimeout.TotalMilliseconds };
        try
        {
            if (options.AcceptAnyCertificate)
            {
                client.ServerCertificateValidationCallback = (_, _, _, _) => true;
            }
            var tls = _server.Tls switch
            {
                "StartTls" => SecureSocketOptions.StartTls,
                "None" => SecureSocketOptions.None,
                _ => SecureSocketOptions.SslOnConnect,
            };
            await client.ConnectAsync(_server.Host, _server.Port, tls, cancellationToken);
            if (_server.Auth == "OAuth2")
            {
                await client.AuthenticateAsync(new SaslMechanismOAuth2(_server.Username, secret), cancellationToken);
            }
            else if (client.AuthenticationMechanisms.Contains("PLAIN"))
            {
                // One attempt per poll: MailKit would otherwise try each mechanism in turn with the same (possibly wrong)
                // password, counting several failures against the account's lockout limit.
                await client.AuthenticateAsync(new SaslMechanismPlain(_server.Username, secret), cancellationToken);
            }
            else
            {
                await client.AuthenticateAsync(_server.Username, secret, cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            throw;
        }
        _client = client;
        _folder = null;
        return client;
    }

    private async Task DropAsync()
    {
        _folder = null;
        if (_client is null)
        {
            return;
        }
        try
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }
        catch (Exception ex) when (IsDrop(ex, CancellationToken.None) || ex is ImapCommandException)
        {
            // The connection is being thrown away; a failed goodbye changes nothing.
        }
        _client.Dispose();
        _client = null;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await DropAsync();
}
