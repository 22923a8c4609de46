using System.Text;
using SocialSla.Core.Alerts;
using SocialSla.Core.Privacy;

namespace SocialSla.Standalone.Server.Alerts;

/// <summary>Appends each alert as one JSON line to a file, flushed to disk before the delivery counts.</summary>
internal sealed class JsonlFileAlertSink(string name, string path) : IAlertSink
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string Name => name;

    /// <summary>The file's path.</summary>
    public string Path => path;

    /// <summary>Rewrites the file without an erased customer (see <see cref="EraseFromFile"/>), between deliveries.</summary>
    /// <returns>The lines changed or dropped.</returns>
    public async Task<int> EraseAsync(IReadOnlyCollection<string> names, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return EraseFromFile(path, names);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Rewrites an alert file with every alert erased of <paramref name="names"/> (the customer's handles
    /// and id, <see cref="PersonalDataEraser.Erase(SlaAlert, IReadOnlyCollection{string})"/>); a torn line (a crash
    /// mid-append) that holds one of them is dropped. The new file replaces the old by a rename, so a reader sees one
    /// or the other. Nothing is written when nothing changes.</summary>
    /// <returns>The lines changed or dropped.</returns>
    /// <exception cref="IOException">The file could not be read or replaced.</exception>
    public static int EraseFromFile(string path, IReadOnlyCollection<string> names)
    {
        if (!File.Exists(path)) return 0;
        var lines = File.ReadAllLines(path, Encoding.UTF8);
        var kept = new List<string>(lines.Length);
        var changed = 0;
        foreach (var line in lines)
        {
            if (line.Length == 0) continue;
            if (SlaAlertJson.TryRead(Encoding.UTF8.GetBytes(line), out var alert))
            {
                var erased = PersonalDataEraser.Erase(alert, names);
                if (erased == alert) kept.Add(line);
                else
                {
                    kept.Add(Encoding.UTF8.GetString(SlaAlertJson.ToUtf8(erased)));
                    changed++;
                }
            }
            else if (names.Any(n => line.Contains(n, StringComparison.OrdinalIgnoreCase))) changed++;
            else kept.Add(line);
        }
        if (changed == 0) return 0;
        var temporary = path + ".erasing";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var line in kept)
            {
                file.Write(Encoding.UTF8.GetBytes(line));
                file.WriteByte((byte)'\n');
            }
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        return changed;
    }

    public bool GroupsStorms => false;

    public Task<DeliveryResult> DeliverAsync(string alertId, ReadOnlyMemory<byte> alertJson, CancellationToken cancellationToken) =>
        AppendAsync(alertJson, cancellationToken);

    /// <summary>Appends the storm message as a line of its own (<c>"type":"storm"</c> tells it from an alert).</summary>
    public Task<DeliveryResult> DeliverStormAsync(string messageId, ReadOnlyMemory<byte> stormJson, CancellationToken cancellationToken) =>
        AppendAsync(stormJson, cancellationToken);

    private async Task<DeliveryResult> AppendAsync(ReadOnlyMemory<byte> alertJson, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.Asynchronous);
            // A crash in the middle of a line leaves it without its line break: start on a fresh line, so the
            // redelivered alert is readable (the torn line is skipped by readers as malformed).
            if (file.Length > 0)
            {
                file.Seek(-1, SeekOrigin.End);
                var last = file.ReadByte();
                if (last != '\n') file.WriteByte((byte)'\n');
            }
            file.Seek(0, SeekOrigin.End);
            await file.WriteAsync(alertJson, cancellationToken).ConfigureAwait(false);
            file.WriteByte((byte)'\n');
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
            return DeliveryResult.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DeliveryResult(false, $"cannot append to {path}: {e.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }
}
