using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SocialSla.Standalone.Tests.Server;

/// <summary>The real <c>socialsla serve</c> as a child process (<c>dotnet socialsla.dll serve --config … --urls …</c>,
/// the build output next to the test assembly), so a test can SIGKILL it and start it again on the same files.</summary>
/// <remarks><c>dotnet app.dll</c> runs the app inside the <c>dotnet</c> process itself (no wrapper), so
/// <see cref="KillAsync"/> kills the server and nothing else.</remarks>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int MaxLogChars = 64 * 1024;
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), ConnectTimeout = TimeSpan.FromSeconds(5) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(15),
        };
    }

    /// <summary>Where the server listens (with a trailing slash).</summary>
    public Uri Address { get; }

    /// <summary>A client for this incarnation of the server.</summary>
    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What the server wrote to standard output and error so far (the tail, for failure messages).</summary>
    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>The server's entry assembly: the Standalone project's output is copied next to the tests.</summary>
    public static string ServerAssembly
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "socialsla.dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"socialsla.dll is not next to the test assembly in {AppContext.BaseDirectory}.", path);
            return path;
        }
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server and waits until <c>GET /healthz</c> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(string configPath, int port, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(configPath)!,
        };
        foreach (var argument in new[] { ServerAssembly, "serve", "--config", configPath, "--urls", $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        // The test's own environment must not reconfigure the server.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("SOCIALSLA_", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        if (!process.Start()) throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitHealthyAsync(timeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private static string DotnetHost()
    {
        // The SDK tells test hosts which muxer runs them; else the test host may itself be dotnet; else PATH.
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return "dotnet";
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.AppendLine(line);
            if (_log.Length > MaxLogChars) _log.Remove(0, _log.Length - MaxLogChars);
        }
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was healthy:\n{Log}");
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var response = await Client.GetAsync("healthz", attempt.Token);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > until) throw new TimeoutException($"The server was not healthy within {timeout.TotalSeconds:0} s:\n{Log}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends SIGKILL (what <see cref="Process.Kill()"/> sends on Linux): no shutdown code runs.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        try
        {
            _process.Kill(entireProcessTree: false);
        }
        catch (InvalidOperationException)
        {
            // It exited meanwhile.
        }
    }

    /// <summary>Sends SIGKILL and waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(wait.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (OperationCanceledException)
        {
        }
        Client.Dispose();
        _process.Dispose();
    }
}
