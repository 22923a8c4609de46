using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SocialSla.Standalone.Tests.Azure;

/// <summary>Azurite's Table service on loopback for the contract tests: installed from npm on first use (into
/// <c>~/.cache/socialsla/azurite-3.35.0</c>, or the <c>azurite-table</c> named by <c>SOCIALSLA_AZURITE_TABLE</c>),
/// started in memory without telemetry on a free port, stopped with the test class.</summary>
/// <remarks>No Node.js or no npm fails the tests with a message saying what to install: a contract test that cannot
/// reach its service must not pass.</remarks>
public sealed class AzuriteTableService : IAsyncLifetime
{
    public const string Version = "3.35.0";
    public const string Account = "devstoreaccount1";
    public const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process? _process;
    private DirectoryInfo? _workspace;
    private readonly StringBuilder _output = new();

    public Uri Endpoint { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var executable = await LocateAsync();
        var port = FreePort();
        var workspace = _workspace = Directory.CreateTempSubdirectory("azurite-");
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workspace.FullName,
        };
        foreach (var arg in new[] { "--inMemoryPersistence", "--disableTelemetry", "--silent", "--tableHost", "127.0.0.1", "--tablePort", port.ToString() })
            start.ArgumentList.Add(arg);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_output) _output.AppendLine(e.Data);
            if (e.Data.Contains("successfully started", StringComparison.OrdinalIgnoreCase)) started.TrySetResult();
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.Exited += (_, _) =>
        {
            _process.WaitForExit(); // drains the output readers
            started.TrySetException(new InvalidOperationException($"Azurite exited with {_process.ExitCode}: {Output}"));
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (await Task.WhenAny(started.Task, Task.Delay(TimeSpan.FromSeconds(60))) != started.Task)
            throw new InvalidOperationException($"Azurite did not start within 60 s: {Output}");
        await started.Task;
        Endpoint = new Uri($"http://127.0.0.1:{port}/{Account}/");
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process?.Dispose();
        try { _workspace?.Delete(recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private string Output { get { lock (_output) return _output.ToString(); } }

    private static async Task<string> LocateAsync()
    {
        var configured = Environment.GetEnvironmentVariable("SOCIALSLA_AZURITE_TABLE");
        if (!string.IsNullOrEmpty(configured))
        {
            if (!File.Exists(configured)) throw new InvalidOperationException($"SOCIALSLA_AZURITE_TABLE names {configured}, which does not exist.");
            return configured;
        }
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var prefix = Path.Combine(cache, "socialsla", "azurite-" + Version);
        var executable = Path.Combine(prefix, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite-table.cmd" : "azurite-table");
        if (File.Exists(executable)) return executable;
        var node = await RunAsync("node", ["--version"], TimeSpan.FromSeconds(30));
        if (node is null)
            throw new InvalidOperationException("The Table contract tests need Node.js 18+ and npm on PATH to run Azurite " + Version +
                " (Debian: apt-get install -y nodejs npm), or SOCIALSLA_AZURITE_TABLE set to an azurite-table executable.");
        Directory.CreateDirectory(prefix);
        var install = await RunAsync("npm", ["install", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", "azurite@" + Version], TimeSpan.FromMinutes(8));
        if (install is null || !File.Exists(executable))
            throw new InvalidOperationException($"npm could not install azurite@{Version} into {prefix} (node {node?.Trim()}): {install ?? "npm is not on PATH"}");
        return executable;
    }

    /// <summary>Runs a command; its output, or <see langword="null"/> when it cannot start or fails.</summary>
    private static async Task<string?> RunAsync(string file, string[] args, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }
            var text = await stdout + await stderr;
            return process.ExitCode == 0 ? text : null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
