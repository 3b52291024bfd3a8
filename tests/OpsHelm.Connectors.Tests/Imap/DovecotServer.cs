using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OpsHelm.Connectors.Tests.Imap;

/// <summary>
/// A real IMAP server for the tests: Debian's Dovecot (installed by scripts/test.sh) started in the foreground on a free
/// loopback port from a throw-away config — passwd-file users, maildirs under a temp directory, no TLS on loopback.
/// </summary>
internal sealed class DovecotServer : IAsyncDisposable
{
    private const string Binary = "/usr/sbin/dovecot";
    private readonly Process _process;
    private readonly string _usersFile;

    private DovecotServer(string directory, int port, Process process, string usersFile)
    {
        Directory = directory;
        Port = port;
        _process = process;
        _usersFile = usersFile;
    }

    /// <summary>The temp directory holding config, state and maildirs.</summary>
    public string Directory { get; }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Starts a server; fails (never skips) when Dovecot is not installed.</summary>
    public static async Task<DovecotServer> StartAsync()
    {
        File.Exists(Binary).ShouldBeTrue("Dovecot is not installed: scripts/test.sh installs Debian's dovecot-imapd before the tests");
        var directory = System.IO.Directory.CreateTempSubdirectory("opshelm-dovecot-").FullName;
        foreach (var sub in new[] { "run", "state", "home" })
        {
            System.IO.Directory.CreateDirectory(Path.Combine(directory, sub));
        }
        // Dovecot's processes drop to the mail user: as root that is nobody (home world-writable), otherwise ourselves.
        var asRoot = Environment.UserName == "root";
        if (asRoot && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(directory, "home"), (UnixFileMode)0x1FF);
            File.SetUnixFileMode(directory, (UnixFileMode)0x1ED);
        }
        var usersFile = Path.Combine(directory, "users");
        await File.WriteAllTextAsync(usersFile, "");
        var port = FreePort();
        var config = Path.Combine(directory, "dovecot.conf");
        await File.WriteAllTextAsync(config, Config(directory, usersFile, port, asRoot));
        var start = new ProcessStartInfo(Binary) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-F", "-c", config })
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start)!;
        var server = new DovecotServer(directory, port, process, usersFile);
        await server.WaitForListenerAsync();
        return server;
    }

    /// <summary>Adds a user with a password (the passwd-file is read at every login).</summary>
    public async Task AddUserAsync(string user, string password) =>
        await File.AppendAllTextAsync(_usersFile, $"{user}:{{PLAIN}}{password}::::::\n");

    private async Task WaitForListenerAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !_process.HasExited)
            {
                await Task.Delay(20);
            }
            catch (SocketException)
            {
                var log = File.Exists(Path.Combine(Directory, "dovecot.log")) ? await File.ReadAllTextAsync(Path.Combine(Directory, "dovecot.log")) : "";
                throw new InvalidOperationException($"Dovecot did not start on port {Port}: {await _process.StandardError.ReadToEndAsync()} {log}");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Config(string directory, string usersFile, int port, bool asRoot)
    {
        var user = asRoot ? "uid=nobody gid=nogroup" : $"uid={Id("-u")} gid={Id("-g")}";
        var processUsers = asRoot ? "" : $"default_login_user = {Environment.UserName}\ndefault_internal_user = {Environment.UserName}\ndefault_internal_group = {Id("-gn")}\n";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{directory}}/run
            state_dir = {{directory}}/state
            log_path = {{directory}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            auth_failure_delay = 0
            login_trusted_networks = 127.0.0.0/8
            mail_fsync = never
            first_valid_uid = 1
            {{processUsers}}
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{usersFile}}
            }
            userdb {
              driver = static
              args = {{user}} home={{directory}}/home/%u
            }
            mail_location = maildir:~/Maildir
            namespace inbox {
              inbox = yes
              separator = /
              mailbox Sent {
                special_use = \Sent
                auto = subscribe
              }
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service pop3-login {
              inet_listener pop3 {
                port = 0
              }
              inet_listener pop3s {
                port = 0
              }
            }
            protocol imap {
              mail_max_userip_connections = 100
            }
            """);
    }

    private static string Id(string flag)
    {
        using var id = Process.Start(new ProcessStartInfo("id", flag) { RedirectStandardOutput = true })!;
        var value = id.StandardOutput.ReadToEnd().Trim();
        id.WaitForExit();
        return value;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
